/* The file tree and its fixed mounts: vfs_init builds "/" (ramfs) with
 * /dev, /tmp, /proc and /sys before the initramfs is unpacked over it.
 * Nothing can be mounted later: mount(2) accepts the pseudo filesystems
 * that are already in place (so one init runs here and on Linux) and
 * refuses the rest. sync(2) has nothing to write back. */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/syscalls.h>
#include "internal.h"

/* Build the tree. Called once at boot, before populate_rootfs (and, if
 * they come first, by proc_create/sysfs_create). */
void vfs_init(void)
{
	struct inode *dev;

	if (root_inode)
		return;
	root_inode = ramfs_get_inode(S_IFDIR | 0755);
	if (!root_inode)
		panic("vfs_init: out of memory");
	if (vfs_mkdir(root_inode, "dev", 0755) || vfs_mkdir(root_inode, "tmp", 01777) ||
	    path_walk(NULL, "/dev", NULL, &dev))
		panic("vfs_init: cannot make /dev and /tmp");
	chr_dev_init(dev);
	iput(dev);
	proc_init();
	sysfs_init();
}

/* 0 for the pseudo filesystems that are already in place (dir must be a
 * directory), -ENODEV for any other type; data is never read. */
long sys_mount(char __user *dev_name, char __user *dir_name, char __user *type,
	       unsigned long flags, void __user *data)
{
	static const char *const mounted[] = {
		"proc", "sysfs", "tmpfs", "devtmpfs", "debugfs", "tracefs",
	};
	struct inode *dir;
	char fstype[32];
	long len, err;

	if (dev_name) {
		char *name = getname(dev_name);
		if (IS_ERR(name))
			return PTR_ERR(name);
		putname(name);
	}
	if (!type)
		return -EINVAL;
	len = strncpy_from_user(fstype, type, sizeof(fstype));
	if (len == -EFAULT)
		return -EFAULT;
	err = user_path_at(AT_FDCWD, dir_name, 0, &dir);
	if (err)
		return err;
	err = S_ISDIR(dir->i_mode) ? -ENODEV : -ENOTDIR;
	iput(dir);
	for (unsigned i = 0; err == -ENODEV && len > 0 && i < ARRAY_SIZE(mounted); i++)
		if (!strcmp(fstype, mounted[i]))
			err = 0;
	return err;
}

/* Everything is in memory: nothing to write back. */
long sys_sync(void)
{
	return 0;
}
