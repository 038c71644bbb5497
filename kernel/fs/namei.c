/* Path names: from a string to an inode ("/a/./b//../c", relative to the
 * cwd or to a directory descriptor), permission checks, and the system
 * calls that work on names: mkdir, unlink, rmdir, access, chdir, getcwd,
 * readlink, umask. */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include "internal.h"

/* The file mode creation mask. One for the whole system (task_struct has
 * no field for it): every process inherits init's 022 anyway. */
umode_t current_umask = 0022;

/* Copy a path name from user space into a PATH_MAX kmalloc'd buffer.
 * Returns it, or ERR_PTR(-EFAULT / -ENAMETOOLONG / -ENOMEM). */
char *getname(const char __user *filename)
{
	char *name = kmalloc(PATH_MAX, GFP_KERNEL);
	long len;

	if (!name)
		return ERR_PTR(-ENOMEM);
	len = strncpy_from_user(name, filename, PATH_MAX);
	if (len < 0) {
		kfree(name);
		return ERR_PTR(len);
	}
	return name;
}

/* Free a name from getname. */
void putname(char *name)
{
	kfree(name);
}

/* Step from the directory *cur to its entry called name ("." and ".."
 * included), moving the reference held in *cur. */
static int walk_component(struct inode **cur, const char *name)
{
	struct inode *dir = *cur, *next;

	if (!S_ISDIR(dir->i_mode))
		return -ENOTDIR;
	if (!strcmp(name, "."))
		return 0;
	if (!dir->i_nlink)		/* a removed directory has no entries */
		return -ENOENT;
	if (!strcmp(name, "..")) {
		next = dir->i_parent ? dir->i_parent : dir;	/* "/.." is "/" */
		ihold(next);
	} else {
		mutex_lock(&tree_mutex);
		next = dir->i_op->lookup(dir, name);
		mutex_unlock(&tree_mutex);
		if (!next)
			return -ENOENT;
	}
	iput(dir);
	*cur = next;
	return 0;
}

/* Does anything but slashes follow? */
static bool more_components(const char *p)
{
	while (*p == '/')
		p++;
	return *p != 0;
}

/* Resolve path, starting at "/" if it is absolute, else at start (NULL
 * means "/"). With last == NULL, *out is the inode the path names. With a
 * last buffer (NAME_MAX + 1 bytes), the walk stops before the final
 * component, which is copied to last ("" for "/"), and *out is the
 * directory that should hold it. Returns 0 with *out referenced, or
 * -ENOENT, -ENOTDIR, -ENAMETOOLONG. */
int path_walk(struct inode *start, const char *path, char *last, struct inode **out)
{
	char name[NAME_MAX + 1];
	const char *p = path;
	struct inode *cur = (*path == '/' || !start) ? root_inode : start;
	int err = 0;

	if (!*path)
		return -ENOENT;
	if (last)
		last[0] = 0;
	ihold(cur);
	while (more_components(p)) {
		while (*p == '/')
			p++;
		size_t len = 0;
		while (p[len] && p[len] != '/')
			len++;
		if (len > NAME_MAX) {
			err = -ENAMETOOLONG;
			break;
		}
		memcpy(name, p, len);
		name[len] = 0;
		p += len;
		if (last && !more_components(p)) {
			strcpy(last, name);
			break;
		}
		err = walk_component(&cur, name);
		if (err)
			break;
	}
	/* "file/" and a parent that is not a directory */
	if (!err && !S_ISDIR(cur->i_mode) && (last || path[strlen(path) - 1] == '/'))
		err = -ENOTDIR;
	if (err) {
		iput(cur);
		return err;
	}
	*out = cur;
	return 0;
}

/* The directory a relative path starts from: the cwd for AT_FDCWD, else
 * the directory open on dfd. *start is referenced, or NULL for "/". */
int path_start(int dfd, const char *path, struct inode **start)
{
	struct file *f;

	*start = NULL;
	if (*path == '/')
		return 0;
	if (dfd == AT_FDCWD) {
		*start = current->cwd;
		if (*start)
			ihold(*start);
		return 0;
	}
	f = fget(dfd);
	if (!f)
		return -EBADF;
	if (!S_ISDIR(f->f_inode->i_mode)) {
		fput(f);
		return -ENOTDIR;
	}
	*start = f->f_inode;
	ihold(*start);
	fput(f);
	return 0;
}

/* Resolve a user path relative to dfd. flags: AT_EMPTY_PATH lets "" name
 * dfd itself. Returns 0 with *out referenced, or -errno. */
int user_path_at(int dfd, const char __user *filename, int flags, struct inode **out)
{
	struct inode *start;
	char *name = getname(filename);
	int err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	if (!*name && (flags & AT_EMPTY_PATH) && dfd != AT_FDCWD) {
		struct file *f = fget(dfd);
		err = f ? 0 : -EBADF;
		if (f) {
			*out = f->f_inode;
			ihold(*out);
			fput(f);
		}
	} else {
		if (!*name && (flags & AT_EMPTY_PATH))
			name[0] = '.', name[1] = 0;	/* AT_FDCWD and "": the cwd */
		err = path_start(dfd, name, &start);
		if (!err) {
			err = path_walk(start, name, NULL, out);
			iput(start);
		}
	}
	putname(name);
	return err;
}

/* As user_path_at, but stop before the last component: *dir (referenced)
 * and last (NAME_MAX + 1 bytes). */
static int user_path_parent(int dfd, const char __user *filename, struct inode **dir, char *last)
{
	struct inode *start;
	char *name = getname(filename);
	int err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	err = path_start(dfd, name, &start);
	if (!err) {
		err = path_walk(start, name, last, dir);
		iput(start);
	}
	putname(name);
	return err;
}

/* Look up a kernel path from the current directory: 0 with *out
 * referenced, or -errno. */
int vfs_path_lookup(const char *path, struct inode **out)
{
	return path_walk(current->cwd, path, NULL, out);
}

/* May the caller (always root here) do mask (MAY_READ/WRITE/EXEC) to the
 * inode? Root reads and writes anything except a pseudo file that takes
 * no writes; it executes only what has an x bit. 0 or -EACCES. */
int inode_permission(struct inode *inode, int mask)
{
	if ((mask & MAY_WRITE) && inode->i_fop == &pseudo_file_operations)
		return pseudo_may_write(inode);
	if ((mask & MAY_EXEC) && !S_ISDIR(inode->i_mode) && !(inode->i_mode & 0111))
		return -EACCES;
	return 0;
}

/* execve's check: a regular file with at least one x bit. 0 or -EACCES. */
int inode_permission_exec(struct inode *inode)
{
	if (!S_ISREG(inode->i_mode) || !(inode->i_mode & 0111))
		return -EACCES;
	return 0;
}

static bool is_dot_or_dotdot(const char *name)
{
	return !strcmp(name, ".") || !strcmp(name, "..");
}

/* Make directory name in dir with permission bits mode. 0 or -errno. */
int vfs_mkdir(struct inode *dir, const char *name, umode_t mode)
{
	struct inode *old;
	int err;

	mutex_lock(&tree_mutex);
	old = dir->i_nlink ? dir->i_op->lookup(dir, name) : NULL;
	if (!dir->i_nlink)
		err = -ENOENT;
	else if (old)
		err = -EEXIST;
	else if (!dir->i_op->mkdir)
		err = -EPERM;
	else
		err = dir->i_op->mkdir(dir, name, mode);
	mutex_unlock(&tree_mutex);
	iput(old);
	return err;
}

/* mkdir of the entry last in dir, as path_walk split them. */
static int mkdir_last(struct inode *dir, const char *last, umode_t mode)
{
	if (!last[0] || is_dot_or_dotdot(last))
		return -EEXIST;
	return vfs_mkdir(dir, last, mode);
}

long sys_mkdirat(int dfd, const char __user *pathname, umode_t mode)
{
	char last[NAME_MAX + 1];
	struct inode *dir;
	int err = user_path_parent(dfd, pathname, &dir, last);

	if (err)
		return err;
	err = mkdir_last(dir, last, mode & ~current_umask & 07777);
	iput(dir);
	return err;
}

long sys_mkdir(const char __user *pathname, umode_t mode)
{
	return sys_mkdirat(AT_FDCWD, pathname, mode);
}

/* Remove the entry last from dir: a file (rmdir false) or an empty
 * directory (rmdir true). 0 or -errno. */
static int vfs_remove(struct inode *dir, const char *last, bool rmdir)
{
	int err;

	if (!last[0])				/* "/" */
		return rmdir ? -EBUSY : -EISDIR;
	if (is_dot_or_dotdot(last))
		return !rmdir ? -EISDIR : !strcmp(last, ".") ? -EINVAL : -ENOTEMPTY;
	mutex_lock(&tree_mutex);
	if (rmdir)
		err = dir->i_op->rmdir ? dir->i_op->rmdir(dir, last) : -EPERM;
	else
		err = dir->i_op->unlink ? dir->i_op->unlink(dir, last) : -EPERM;
	mutex_unlock(&tree_mutex);
	return err;
}

/* Remove a file, or with AT_REMOVEDIR an empty directory. */
long sys_unlinkat(int dfd, const char __user *pathname, int flag)
{
	char last[NAME_MAX + 1];
	struct inode *dir;
	int err;

	if (flag & ~AT_REMOVEDIR)
		return -EINVAL;
	err = user_path_parent(dfd, pathname, &dir, last);
	if (err)
		return err;
	err = vfs_remove(dir, last, flag & AT_REMOVEDIR);
	iput(dir);
	return err;
}

long sys_unlink(const char __user *pathname)
{
	return sys_unlinkat(AT_FDCWD, pathname, 0);
}

long sys_rmdir(const char __user *pathname)
{
	return sys_unlinkat(AT_FDCWD, pathname, AT_REMOVEDIR);
}

/* Kernel-path mkdir, unlink and rmdir, as Linux's fs/init.c has them for
 * the initramfs (and here the self-test): the path is absolute or relative
 * to the cwd; the mode is taken as it is. 0 or -errno. */
int init_mkdir(const char *pathname, umode_t mode)
{
	char last[NAME_MAX + 1];
	struct inode *dir;
	int err = path_walk(current->cwd, pathname, last, &dir);

	if (err)
		return err;
	err = mkdir_last(dir, last, mode & 07777);
	iput(dir);
	return err;
}

static int init_remove(const char *pathname, bool rmdir)
{
	char last[NAME_MAX + 1];
	struct inode *dir;
	int err = path_walk(current->cwd, pathname, last, &dir);

	if (err)
		return err;
	err = vfs_remove(dir, last, rmdir);
	iput(dir);
	return err;
}

int init_unlink(const char *pathname)
{
	return init_remove(pathname, false);
}

int init_rmdir(const char *pathname)
{
	return init_remove(pathname, true);
}

/* Check F_OK/R_OK/W_OK/X_OK as inode_permission sees them (root). */
long sys_faccessat(int dfd, const char __user *filename, int mode)
{
	struct inode *inode;
	int err;

	if (mode & ~(MAY_READ | MAY_WRITE | MAY_EXEC))
		return -EINVAL;
	err = user_path_at(dfd, filename, 0, &inode);
	if (err)
		return err;
	err = inode_permission(inode, mode);
	iput(inode);
	return err;
}

long sys_access(const char __user *filename, int mode)
{
	return sys_faccessat(AT_FDCWD, filename, mode);
}

/* Write the absolute path of inode into buf (size bytes, NUL included).
 * Returns its length, -ENOENT if the inode was removed from the tree, or
 * -ENAMETOOLONG. */
int d_path(struct inode *inode, char *buf, size_t size)
{
	char *p = buf + size;
	struct inode *i;

	*--p = 0;
	for (i = inode; i->i_parent; i = i->i_parent) {
		size_t len = strlen(i->i_name);
		if (!i->i_nlink)
			return -ENOENT;
		if ((size_t)(p - buf) < len + 1)
			return -ENAMETOOLONG;
		p -= len;
		memcpy(p, i->i_name, len);
		*--p = '/';
	}
	if (!*p)
		*--p = '/';
	memmove(buf, p, buf + size - p);
	return strlen(buf);
}

/* Make the directory filename the cwd (and note its path in cwd_path). */
long sys_chdir(const char __user *filename)
{
	struct inode *inode, *old;
	int err = user_path_at(AT_FDCWD, filename, 0, &inode);

	if (err)
		return err;
	if (!S_ISDIR(inode->i_mode)) {
		iput(inode);
		return -ENOTDIR;
	}
	old = current->cwd;
	current->cwd = inode;
	iput(old);
	if (d_path(inode, current->cwd_path, sizeof(current->cwd_path)) < 0)
		strlcpy(current->cwd_path, "?", sizeof(current->cwd_path));
	return 0;
}

/* As Linux's system call: returns the length including the NUL, -ERANGE
 * if size is too small, -ENOENT if the cwd was removed. */
long sys_getcwd(char __user *buf, unsigned long size)
{
	char *path = kmalloc(PATH_MAX, GFP_KERNEL);
	long len;

	if (!path)
		return -ENOMEM;
	len = d_path(current->cwd ? current->cwd : root_inode, path, PATH_MAX);
	if (len >= 0 && (unsigned long)len + 1 > size)
		len = -ERANGE;
	else if (len >= 0 && copy_to_user(buf, path, len + 1))
		len = -EFAULT;
	else if (len >= 0)
		len++;
	kfree(path);
	return len;
}

/* Only /proc/self is a link here; anything else that exists is -EINVAL. */
long sys_readlink(const char __user *path, char __user *buf, int bufsiz)
{
	char last[NAME_MAX + 1], target[32];
	struct inode *dir;
	int len, err = user_path_parent(AT_FDCWD, path, &dir, last);

	if (err)
		return err;
	if (bufsiz <= 0) {
		iput(dir);
		return -EINVAL;
	}
	len = proc_readlink(dir, last, target, sizeof(target));
	if (len == -EINVAL) {		/* no link: is there anything at all? */
		err = walk_component(&dir, last[0] ? last : ".");
		len = err ? err : -EINVAL;
	}
	iput(dir);
	if (len < 0)
		return len;
	len = min(len, bufsiz);
	if (copy_to_user(buf, target, len))
		return -EFAULT;
	return len;
}

/* Set the creation mask; returns the old one. */
long sys_umask(int mask)
{
	umode_t old = current_umask;

	current_umask = mask & 0777;
	return old;
}
