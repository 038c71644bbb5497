/* ioctl(2): device-specific requests, handed to the file's ->ioctl. Only
 * the console has one; everything else answers -ENOTTY, as Linux does for
 * a request a file does not know. */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/syscalls.h>
#include "internal.h"

long sys_ioctl(unsigned int fd, unsigned int cmd, unsigned long arg)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = f->f_op && f->f_op->ioctl ? f->f_op->ioctl(f, cmd, arg) : -ENOTTY;
	fput(f);
	return ret;
}
