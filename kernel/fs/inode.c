/* Inodes and the directory tree they hang in. An inode lives while it is
 * linked in a directory (its i_sibling is on the parent's i_children) or
 * referenced (i_count: open files, a cwd, a lookup in progress); the last
 * iput of an unlinked inode frees it. Each inode holds a reference on its
 * i_parent, so ".." and getcwd always find a live parent. */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/time.h>
#include <linux/spinlock.h>
#include "internal.h"

struct inode *root_inode;
DEFINE_MUTEX(tree_mutex);
static DEFINE_SPINLOCK(inode_lock);	/* i_sibling links vs iput; last_ino */
static unsigned long last_ino;

/* A fresh inode with one reference, not in any directory. NULL if out of
 * memory. */
struct inode *new_inode(umode_t mode, const struct inode_operations *iop,
			const struct file_operations *fop)
{
	struct inode *inode = kzalloc(sizeof(*inode), GFP_KERNEL);

	if (!inode)
		return NULL;
	spin_lock(&inode_lock);
	inode->i_ino = ++last_ino;
	spin_unlock(&inode_lock);
	inode->i_mode = mode;
	inode->i_nlink = S_ISDIR(mode) ? 2 : 1;
	atomic_set(&inode->i_count, 1);
	inode->i_mtime_ns = ktime_get_real_ns();
	inode->i_op = iop;
	inode->i_fop = fop;
	INIT_LIST_HEAD(&inode->i_children);
	INIT_LIST_HEAD(&inode->i_sibling);
	return inode;
}

/* Take one more reference to inode. */
void ihold(struct inode *inode)
{
	atomic_inc(&inode->i_count);
}

/* Free what the inode's filesystem keeps for it, then the inode. */
static void evict(struct inode *inode)
{
	struct inode *parent = inode->i_parent;

	if (inode->i_fop == &ramfs_file_operations)
		ramfs_evict_inode(inode);
	else if (inode->i_fop == &pseudo_file_operations ||
		 inode->i_fop == &proc_pid_dir_operations)
		kfree(inode->i_private);
	kfree(inode);
	if (parent)
		iput(parent);
}

/* Drop a reference; free the inode if it was the last and the inode is in
 * no directory. */
void iput(struct inode *inode)
{
	bool dead;

	if (!inode)
		return;
	spin_lock(&inode_lock);
	dead = atomic_dec_and_test(&inode->i_count) && list_empty(&inode->i_sibling);
	spin_unlock(&inode_lock);
	if (dead)
		evict(inode);
}

/* Put child into directory dir under name. Caller holds tree_mutex. */
void tree_link(struct inode *dir, struct inode *child, const char *name)
{
	strlcpy(child->i_name, name, sizeof(child->i_name));
	ihold(dir);
	child->i_parent = dir;
	spin_lock(&inode_lock);
	list_add_tail(&child->i_sibling, &dir->i_children);
	spin_unlock(&inode_lock);
	if (S_ISDIR(child->i_mode))
		dir->i_nlink++;
	dir->i_mtime_ns = ktime_get_real_ns();
}

/* Take child out of its directory; it is freed at its last iput (the
 * caller holds a reference). Caller holds tree_mutex. */
void tree_unlink(struct inode *child)
{
	struct inode *dir = child->i_parent;

	spin_lock(&inode_lock);
	list_del_init(&child->i_sibling);
	spin_unlock(&inode_lock);
	child->i_nlink = 0;
	if (S_ISDIR(child->i_mode))
		dir->i_nlink--;
	dir->i_mtime_ns = ktime_get_real_ns();
}

/* The child of dir called name, referenced, or NULL. Caller holds tree_mutex. */
struct inode *tree_find(struct inode *dir, const char *name)
{
	struct inode *child;

	list_for_each_entry(child, &dir->i_children, i_sibling) {
		if (!strcmp(child->i_name, name)) {
			ihold(child);
			return child;
		}
	}
	return NULL;
}

/* i_op->lookup of directories whose entries are all in the tree. */
struct inode *simple_lookup(struct inode *dir, const char *name)
{
	return tree_find(dir, name);
}

/* Directories of /proc and /sys: fixed entries, no create/mkdir/unlink. */
const struct inode_operations simple_dir_inode_operations = {
	.lookup = simple_lookup,
};

const struct file_operations simple_dir_operations = {
	.iterate = dcache_readdir,
	.llseek = generic_file_llseek,
};
