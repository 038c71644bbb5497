/* ramfs: the root filesystem, all in memory. A directory is its list of
 * children in the tree; a regular file's bytes live in whole pages, found
 * through an array indexed by offset / PAGE_SIZE (a NULL slot is a hole
 * that reads as zeros). The initramfs is unpacked into it at boot. */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/time.h>
#include <asm/page.h>
#include "internal.h"

#define RAMFS_MAX_SIZE (1UL << 30)	/* keeps pages[] within one kmalloc */

struct ramfs_data {
	struct mutex lock;		/* the contents and i_size */
	char **pages;
	unsigned long nr_slots;		/* length of pages[] */
};

/* A new ramfs inode of the given type and mode, or NULL. */
struct inode *ramfs_get_inode(umode_t mode)
{
	struct inode *inode;
	struct ramfs_data *d = NULL;

	if (S_ISREG(mode)) {
		d = kzalloc(sizeof(*d), GFP_KERNEL);
		if (!d)
			return NULL;
		mutex_init(&d->lock);
	}
	inode = S_ISDIR(mode) ? new_inode(mode, &ramfs_dir_inode_operations, &simple_dir_operations)
			      : new_inode(mode, NULL, &ramfs_file_operations);
	if (!inode) {
		kfree(d);
		return NULL;
	}
	inode->i_private = d;
	return inode;
}

/* Make pages[] at least want slots long. 0 or -ENOSPC. */
static int grow_slots(struct ramfs_data *d, unsigned long want)
{
	unsigned long n = max(max(want, 2 * d->nr_slots), 16UL);
	char **pages;

	if (want <= d->nr_slots)
		return 0;
	pages = kzalloc(n * sizeof(*pages), GFP_KERNEL);
	if (!pages)
		return -ENOSPC;
	if (d->pages)
		memcpy(pages, d->pages, d->nr_slots * sizeof(*pages));
	kfree(d->pages);
	d->pages = pages;
	d->nr_slots = n;
	return 0;
}

/* Copy out bytes [*pos, *pos + count) that lie below i_size (holes read as
 * zeros). Returns the bytes copied, 0 at end of file, or -EFAULT. */
static ssize_t ramfs_read(struct file *f, char __user *buf, size_t count, loff_t *pos)
{
	struct inode *inode = f->f_inode;
	struct ramfs_data *d = inode->i_private;
	size_t done = 0;
	unsigned long left = 0;

	mutex_lock(&d->lock);
	while (done < count && *pos < inode->i_size && !left) {
		unsigned long idx = *pos / PAGE_SIZE, off = *pos % PAGE_SIZE;
		size_t n = min(min(count - done, PAGE_SIZE - off), (size_t)(inode->i_size - *pos));

		if (idx < d->nr_slots && d->pages[idx])
			left = file_copy_to(f, buf + done, d->pages[idx] + off, n);
		else
			left = file_clear(f, buf + done, n);
		done += n - left;
		*pos += n - left;
	}
	mutex_unlock(&d->lock);
	return done ? (ssize_t)done : left ? -EFAULT : 0;
}

/* Copy in count bytes at *pos (at the end with O_APPEND), allocating pages
 * as needed. Returns the bytes written, or -EFBIG, -ENOSPC, -EFAULT. */
static ssize_t ramfs_write(struct file *f, const char __user *buf, size_t count, loff_t *pos)
{
	struct inode *inode = f->f_inode;
	struct ramfs_data *d = inode->i_private;
	size_t done = 0;
	int err;

	mutex_lock(&d->lock);
	if (f->f_flags & O_APPEND)
		*pos = inode->i_size;
	if ((unsigned long)*pos + count > RAMFS_MAX_SIZE)
		err = -EFBIG;
	else
		err = grow_slots(d, DIV_ROUND_UP(*pos + count, PAGE_SIZE));
	while (!err && done < count) {
		unsigned long idx = *pos / PAGE_SIZE, off = *pos % PAGE_SIZE;
		size_t n = min(count - done, PAGE_SIZE - off), left;

		if (!d->pages[idx] && !(d->pages[idx] = kzalloc(PAGE_SIZE, GFP_KERNEL))) {
			err = -ENOSPC;
			break;
		}
		left = file_copy_from(f, d->pages[idx] + off, buf + done, n);
		done += n - left;
		*pos += n - left;
		if (*pos > inode->i_size)
			inode->i_size = *pos;
		if (left)
			err = -EFAULT;
	}
	inode->i_mtime_ns = ktime_get_real_ns();
	mutex_unlock(&d->lock);
	return done ? (ssize_t)done : err;
}

/* Set the file's size: pages past the end are freed, the rest of the last
 * page is zeroed (so growing it again reads zeros). 0 or -EFBIG. */
int ramfs_truncate(struct inode *inode, loff_t length)
{
	struct ramfs_data *d = inode->i_private;
	unsigned long keep = DIV_ROUND_UP(length, PAGE_SIZE);

	if ((unsigned long)length > RAMFS_MAX_SIZE)
		return -EFBIG;
	mutex_lock(&d->lock);
	for (unsigned long i = keep; i < d->nr_slots; i++) {
		kfree(d->pages[i]);
		d->pages[i] = NULL;
	}
	if (length % PAGE_SIZE && keep <= d->nr_slots && d->pages[keep - 1])
		memset(d->pages[keep - 1] + length % PAGE_SIZE, 0, PAGE_SIZE - length % PAGE_SIZE);
	inode->i_size = length;
	inode->i_mtime_ns = ktime_get_real_ns();
	mutex_unlock(&d->lock);
	return 0;
}

/* The file's last reference is gone and it has no name: free its pages. */
void ramfs_evict_inode(struct inode *inode)
{
	struct ramfs_data *d = inode->i_private;

	for (unsigned long i = 0; i < d->nr_slots; i++)
		kfree(d->pages[i]);
	kfree(d->pages);
	kfree(d);
}

const struct file_operations ramfs_file_operations = {
	.read = ramfs_read,
	.write = ramfs_write,
	.llseek = generic_file_llseek,
};

/* The directory operations below are called with tree_mutex held. */

/* A new empty file in dir; *out gets the caller's reference. */
static int ramfs_create(struct inode *dir, const char *name, umode_t mode, struct inode **out)
{
	struct inode *inode = ramfs_get_inode(S_IFREG | (mode & 07777));

	if (!inode)
		return -ENOSPC;
	tree_link(dir, inode, name);
	*out = inode;
	return 0;
}

/* A new empty directory in dir. */
static int ramfs_mkdir(struct inode *dir, const char *name, umode_t mode)
{
	struct inode *inode = ramfs_get_inode(S_IFDIR | (mode & 07777));

	if (!inode)
		return -ENOSPC;
	tree_link(dir, inode, name);
	iput(inode);			/* the tree keeps it */
	return 0;
}

/* Remove a name that is not a directory (-EISDIR); an open file lives on
 * until its last close. */
static int ramfs_unlink(struct inode *dir, const char *name)
{
	struct inode *inode = tree_find(dir, name);

	if (!inode)
		return -ENOENT;
	if (S_ISDIR(inode->i_mode)) {
		iput(inode);
		return -EISDIR;
	}
	tree_unlink(inode);
	iput(inode);
	return 0;
}

/* Remove an empty directory; not /proc, /sys or another filesystem's
 * directory mounted here (-EBUSY). */
static int ramfs_rmdir(struct inode *dir, const char *name)
{
	struct inode *inode = tree_find(dir, name);
	int err = 0;

	if (!inode)
		return -ENOENT;
	if (!S_ISDIR(inode->i_mode))
		err = -ENOTDIR;
	else if (inode->i_op != &ramfs_dir_inode_operations)
		err = -EBUSY;
	else if (!list_empty(&inode->i_children))
		err = -ENOTEMPTY;
	else
		tree_unlink(inode);
	iput(inode);
	return err;
}

const struct inode_operations ramfs_dir_inode_operations = {
	.lookup = simple_lookup,
	.create = ramfs_create,
	.mkdir = ramfs_mkdir,
	.unlink = ramfs_unlink,
	.rmdir = ramfs_rmdir,
};
