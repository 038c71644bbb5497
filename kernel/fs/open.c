/* Opening files: from a path and open flags to a struct file (creating or
 * truncating a ramfs file on the way), for the kernel (filp_open, used by
 * exec) and for user space (open, openat); and ftruncate. */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include "internal.h"

/* Flags that only matter while opening: not kept in f_flags (F_GETFL). */
#define OPEN_ONLY_FLAGS (O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC)

/* Set the size of a regular file (only ramfs files have one to change). */
int do_truncate(struct inode *inode, loff_t length)
{
	if (length < 0)
		return -EINVAL;
	if (inode->i_fop == &ramfs_file_operations)
		return ramfs_truncate(inode, length);
	return 0;
}

/* Open inode with flags: check the access asked for, make the struct file
 * and call the file's ->open. Returns the file (one reference; it holds
 * its own reference on the inode) or ERR_PTR. */
struct file *vfs_open(struct inode *inode, unsigned int flags)
{
	unsigned int acc = flags & O_ACCMODE;
	struct file *f;
	int err;

	if ((flags & O_DIRECTORY) && !S_ISDIR(inode->i_mode))
		return ERR_PTR(-ENOTDIR);
	if (S_ISDIR(inode->i_mode) && (acc != O_RDONLY || (flags & (O_CREAT | O_TRUNC))))
		return ERR_PTR(-EISDIR);
	if (acc != O_RDONLY || (flags & O_TRUNC)) {
		err = inode_permission(inode, MAY_WRITE);
		if (err)
			return ERR_PTR(err);
	}
	f = kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f)
		return ERR_PTR(-ENOMEM);
	f->f_inode = inode;
	f->f_op = inode->i_fop;
	f->f_flags = flags & ~OPEN_ONLY_FLAGS;
	atomic_set(&f->f_count, 1);
	if (f->f_op && f->f_op->open) {
		err = f->f_op->open(inode, f);
		if (err) {
			kfree(f);
			return ERR_PTR(err);
		}
	}
	ihold(inode);
	if ((flags & O_TRUNC) && acc != O_RDONLY && S_ISREG(inode->i_mode))
		do_truncate(inode, 0);
	return f;
}

/* O_CREAT: find the file path names, or create it (mode, less the umask).
 * 0 with *out referenced, or -errno (-EEXIST for O_EXCL). */
static int open_create(struct inode *start, const char *path, int flags, umode_t mode,
		       struct inode **out)
{
	char last[NAME_MAX + 1];
	struct inode *dir, *inode = NULL;
	int err = path_walk(start, path, last, &dir);

	if (err)
		return err;
	if (!last[0] || !strcmp(last, ".") || !strcmp(last, "..")) {
		iput(dir);			/* "/", "dir/.": an existing directory */
		return path_walk(start, path, NULL, out);
	}
	mutex_lock(&tree_mutex);
	if (!dir->i_nlink)
		err = -ENOENT;
	else if ((inode = dir->i_op->lookup(dir, last)))
		err = (flags & O_EXCL) ? -EEXIST : 0;
	else if (!dir->i_op->create)
		err = -EACCES;
	else
		err = dir->i_op->create(dir, last, mode & ~current_umask & 07777, &inode);
	mutex_unlock(&tree_mutex);
	iput(dir);
	if (err)
		iput(inode);
	else
		*out = inode;
	return err;
}

/* Open path (relative to start, NULL meaning "/") for user space or the
 * kernel. Returns the file or ERR_PTR. */
struct file *do_filp_open(struct inode *start, const char *path, int flags, umode_t mode)
{
	struct inode *inode;
	struct file *f;
	int err;

	if (flags & O_CREAT)
		err = open_create(start, path, flags, mode, &inode);
	else
		err = path_walk(start, path, NULL, &inode);
	if (err)
		return ERR_PTR(err);
	f = vfs_open(inode, flags);
	iput(inode);
	return f;
}

/* The kernel opens a file for itself (exec, the initramfs): path from the
 * current directory. Read it with kernel_read. */
struct file *filp_open(const char *path, int flags, umode_t mode)
{
	return do_filp_open(current->cwd, path, flags, mode);
}

/* Open filename (relative to dfd) and return the lowest free descriptor. */
long sys_openat(int dfd, const char __user *filename, int flags, umode_t mode)
{
	struct inode *start;
	struct file *f;
	char *name = getname(filename);
	long fd;

	if (IS_ERR(name))
		return PTR_ERR(name);
	fd = path_start(dfd, name, &start);
	if (!fd) {
		f = do_filp_open(start, name, flags & ~O_KERNEL_BUF, mode);
		iput(start);
		fd = IS_ERR(f) ? PTR_ERR(f) : fd_install_lowest(f, 0, flags);
		if (fd < 0 && !IS_ERR(f))
			fput(f);
	}
	putname(name);
	return fd;
}

long sys_open(const char __user *filename, int flags, umode_t mode)
{
	return sys_openat(AT_FDCWD, filename, flags, mode);
}

/* Set the size of a regular file open for writing; else -EINVAL. */
long sys_ftruncate(unsigned int fd, unsigned long length)
{
	struct file *f = fget(fd);
	long err;

	if (!f)
		return -EBADF;
	if (!S_ISREG(f->f_inode->i_mode) || (f->f_flags & O_ACCMODE) == O_RDONLY)
		err = -EINVAL;
	else
		err = do_truncate(f->f_inode, (loff_t)length);
	fput(f);
	return err;
}
