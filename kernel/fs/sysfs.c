/* sysfs: /sys, a tree of pseudo files made by sysfs_create (the THP knobs
 * under kernel/mm/transparent_hugepage/, khugepaged's, the tracing files).
 * /sys/kernel/debug and /sys/kernel/tracing exist from boot, so mounting
 * debugfs or tracefs there (as Linux tools do) finds its directory. */
#include <linux/kernel.h>
#include "internal.h"

static struct inode *sysfs_root;

/* Make the pseudo file /sys/path (see linux/fs.h). */
struct inode *sysfs_create(const char *path, umode_t mode,
			   const struct pseudo_file_ops *ops, void *data)
{
	if (!sysfs_root)
		vfs_init();
	return pseudo_create(sysfs_root, path, mode, ops, data);
}

/* Make /sys under "/" (which vfs_init made). */
void sysfs_init(void)
{
	sysfs_root = new_inode(S_IFDIR | 0555, &simple_dir_inode_operations, &simple_dir_operations);
	if (!sysfs_root)
		panic("sysfs_init: out of memory");
	mutex_lock(&tree_mutex);
	tree_link(root_inode, sysfs_root, "sys");
	mutex_unlock(&tree_mutex);
	sysfs_create("kernel/debug", S_IFDIR | 0555, NULL, NULL);
	sysfs_create("kernel/tracing", S_IFDIR | 0555, NULL, NULL);
}
