/* stat, lstat, fstat, newfstatat: an inode's attributes in the Linux
 * x86-64 struct stat (144 bytes), the layout musl and glibc expect. */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/time.h>
#include <linux/syscalls.h>
#include "internal.h"

#define AT_NO_AUTOMOUNT 0x800
#define AT_STATX_SYNC_TYPE 0x6000	/* statx hints: accepted, meaningless here */

struct stat {
	u64 st_dev;
	u64 st_ino;
	u64 st_nlink;
	u32 st_mode;
	u32 st_uid;
	u32 st_gid;
	u32 __pad0;
	u64 st_rdev;
	s64 st_size;
	s64 st_blksize;
	s64 st_blocks;		/* in 512-byte units */
	s64 st_atime, st_atime_nsec;
	s64 st_mtime, st_mtime_nsec;
	s64 st_ctime, st_ctime_nsec;
	s64 __unused[3];
};
_Static_assert(sizeof(struct stat) == 144, "Linux x86-64 struct stat is 144 bytes");

/* Fill *statbuf (user memory) from inode. 0 or -EFAULT. */
static int cp_new_stat(struct inode *inode, struct stat __user *statbuf)
{
	struct stat st;
	s64 sec = inode->i_mtime_ns / NSEC_PER_SEC, nsec = inode->i_mtime_ns % NSEC_PER_SEC;

	memset(&st, 0, sizeof(st));
	st.st_dev = 1;
	st.st_ino = inode->i_ino;
	st.st_nlink = inode->i_nlink;
	st.st_mode = inode->i_mode;
	st.st_size = inode->i_size;
	st.st_blksize = 4096;
	st.st_blocks = DIV_ROUND_UP(inode->i_size, 4096) * 8;
	st.st_atime = st.st_mtime = st.st_ctime = sec;
	st.st_atime_nsec = st.st_mtime_nsec = st.st_ctime_nsec = nsec;
	return copy_to_user(statbuf, &st, sizeof(st)) ? -EFAULT : 0;
}

/* stat of filename relative to dfd; with AT_EMPTY_PATH, "" is dfd itself. */
long sys_newfstatat(int dfd, const char __user *filename, struct stat __user *statbuf, int flag)
{
	struct inode *inode;
	int err;

	if (flag & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT | AT_STATX_SYNC_TYPE))
		return -EINVAL;
	err = user_path_at(dfd, filename, flag, &inode);
	if (err)
		return err;
	err = cp_new_stat(inode, statbuf);
	iput(inode);
	return err;
}

long sys_stat(const char __user *filename, struct stat __user *statbuf)
{
	return sys_newfstatat(AT_FDCWD, filename, statbuf, 0);
}

/* There are no symbolic links to not follow (/proc/self is a directory). */
long sys_lstat(const char __user *filename, struct stat __user *statbuf)
{
	return sys_newfstatat(AT_FDCWD, filename, statbuf, AT_SYMLINK_NOFOLLOW);
}

/* stat of the file open on fd. */
long sys_fstat(unsigned int fd, struct stat __user *statbuf)
{
	struct file *f = fget(fd);
	int err;

	if (!f)
		return -EBADF;
	err = cp_new_stat(f->f_inode, statbuf);
	fput(f);
	return err;
}
