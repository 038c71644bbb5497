/* read, write, readv, writev, pread64 and lseek: the checks every file
 * shares (descriptor, access mode, user buffer), then the file's own
 * ->read/->write/->llseek. Also kernel_read/kernel_write, the same with
 * kernel buffers. */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/syscalls.h>
#include "internal.h"

#define MAX_RW_COUNT 0x7ffff000UL	/* Linux's cap on one read or write */
#define UIO_MAXIOV 1024

static bool readable(struct file *f)
{
	return (f->f_flags & O_ACCMODE) == O_RDONLY || (f->f_flags & O_ACCMODE) == O_RDWR;
}

static bool writable(struct file *f)
{
	return (f->f_flags & O_ACCMODE) == O_WRONLY || (f->f_flags & O_ACCMODE) == O_RDWR;
}

/* Read up to count bytes at *pos (advanced) into buf. Returns the bytes
 * read, 0 at end of file, or -errno. */
static ssize_t vfs_read(struct file *f, char __user *buf, size_t count, loff_t *pos)
{
	if (!readable(f))
		return -EBADF;
	if (S_ISDIR(f->f_inode->i_mode))
		return -EISDIR;
	if (!f->f_op || !f->f_op->read)
		return -EINVAL;
	if (!(f->f_flags & O_KERNEL_BUF) && !access_ok(buf, count))
		return -EFAULT;
	if (!count)
		return 0;
	return f->f_op->read(f, buf, min(count, MAX_RW_COUNT), pos);
}

/* Write up to count bytes from buf at *pos (advanced). Returns the bytes
 * written or -errno. */
static ssize_t vfs_write(struct file *f, const char __user *buf, size_t count, loff_t *pos)
{
	if (!writable(f))
		return -EBADF;
	if (!f->f_op || !f->f_op->write)
		return -EINVAL;
	if (!(f->f_flags & O_KERNEL_BUF) && !access_ok(buf, count))
		return -EFAULT;
	if (!count)
		return 0;
	return f->f_op->write(f, buf, min(count, MAX_RW_COUNT), pos);
}

/* read(2) at the file offset, which advances by what was read. */
long sys_read(unsigned int fd, char __user *buf, size_t count)
{
	struct file *f = fget(fd);
	loff_t pos;
	ssize_t ret;

	if (!f)
		return -EBADF;
	pos = f->f_pos;
	ret = vfs_read(f, buf, count, &pos);
	if (ret >= 0)
		f->f_pos = pos;
	fput(f);
	return ret;
}

/* write(2) at the file offset, which advances by what was written. */
long sys_write(unsigned int fd, const char __user *buf, size_t count)
{
	struct file *f = fget(fd);
	loff_t pos;
	ssize_t ret;

	if (!f)
		return -EBADF;
	pos = f->f_pos;
	ret = vfs_write(f, buf, count, &pos);
	if (ret >= 0)
		f->f_pos = pos;
	fput(f);
	return ret;
}

/* writev of a few small pieces (musl's stdio writes its buffer and the
 * new bytes as two): gathered into one ->write, as Linux does, so that a
 * sysfs store() sees "never\n" whole and a pipe gets them in one piece.
 * Returns the bytes written, or -errno. */
static long writev_gathered(struct file *f, const struct iovec *iov, unsigned long vlen,
			    size_t total, loff_t *pos)
{
	char *kbuf = kmalloc(total, GFP_KERNEL);
	size_t got = 0;
	long ret;

	if (!kbuf)
		return -ENOMEM;
	for (unsigned long i = 0; i < vlen; i++) {
		if (copy_from_user(kbuf + got, iov[i].iov_base, iov[i].iov_len))
			break;
		got += iov[i].iov_len;
	}
	ret = got ? kernel_write(f, kbuf, got, pos) : -EFAULT;
	kfree(kbuf);
	return ret;
}

/* readv/writev: one ->read/->write per segment, stopping at the first
 * short one (small writevs are gathered). Returns the total, or the error
 * if nothing was moved. */
static long do_readv_writev(unsigned long fd, const struct iovec __user *uvec,
			    unsigned long vlen, bool write)
{
	struct file *f = fget(fd);
	struct iovec *iov = NULL;
	long total = 0, ret = 0;
	size_t sum = 0;
	loff_t pos;

	if (!f)
		return -EBADF;
	if (vlen > UIO_MAXIOV)
		ret = -EINVAL;
	else if (vlen && !(iov = kmalloc(vlen * sizeof(*iov), GFP_KERNEL)))
		ret = -ENOMEM;
	else if (vlen && copy_from_user(iov, uvec, vlen * sizeof(*iov)))
		ret = -EFAULT;
	for (unsigned long i = 0; !ret && i < vlen; i++) {
		if (!access_ok(iov[i].iov_base, iov[i].iov_len))
			ret = -EFAULT;
		sum += iov[i].iov_len;
	}
	pos = f->f_pos;
	if (!ret && write && vlen > 1 && sum <= PAGE_SIZE && writable(f)) {
		ret = writev_gathered(f, iov, vlen, sum, &pos);
		vlen = 0;
	}
	for (unsigned long i = 0; !ret && i < vlen; i++) {
		if (!iov[i].iov_len)
			continue;
		ssize_t n = write ? vfs_write(f, iov[i].iov_base, iov[i].iov_len, &pos)
				  : vfs_read(f, iov[i].iov_base, iov[i].iov_len, &pos);
		if (n < 0) {
			ret = total ? 0 : n;
			break;
		}
		total += n;
		if ((size_t)n < iov[i].iov_len)
			break;
	}
	f->f_pos = pos;
	kfree(iov);
	fput(f);
	return ret ? ret : total;
}

long sys_readv(unsigned long fd, const struct iovec __user *vec, unsigned long vlen)
{
	return do_readv_writev(fd, vec, vlen, false);
}

long sys_writev(unsigned long fd, const struct iovec __user *vec, unsigned long vlen)
{
	return do_readv_writev(fd, vec, vlen, true);
}

/* Read at pos without moving the file offset; -ESPIPE on pipes and ttys. */
long sys_pread64(unsigned int fd, char __user *buf, size_t count, loff_t pos)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	if (pos < 0)
		ret = -EINVAL;
	else if (!f->f_op || !f->f_op->llseek)
		ret = -ESPIPE;
	else
		ret = vfs_read(f, buf, count, &pos);
	fput(f);
	return ret;
}

/* ->llseek of files with a size (i_size): SEEK_SET/CUR/END. Returns the
 * new offset, or -EINVAL for a bad whence or a negative result. */
loff_t generic_file_llseek(struct file *f, loff_t offset, int whence)
{
	switch (whence) {
	case SEEK_SET:
		break;
	case SEEK_CUR:
		offset += f->f_pos;
		break;
	case SEEK_END:
		offset += f->f_inode->i_size;
		break;
	default:
		return -EINVAL;
	}
	if (offset < 0)
		return -EINVAL;
	f->f_pos = offset;
	return offset;
}

/* ->llseek of devices where position means nothing (/dev/null): always 0. */
loff_t noop_llseek(struct file *f, loff_t offset, int whence)
{
	return 0;
}

/* Move the file offset; -ESPIPE on files without one (pipes, console). */
long sys_lseek(unsigned int fd, off_t offset, unsigned int whence)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	if (!f->f_op || !f->f_op->llseek)
		ret = -ESPIPE;		/* pipes and the console */
	else
		ret = f->f_op->llseek(f, offset, whence);
	fput(f);
	return ret;
}

/* Read into a kernel buffer through f, at *pos (advanced). The file's
 * ->read is handed a copy of f marked O_KERNEL_BUF, which makes its copies
 * "to user space" plain memcpy. Returns the bytes read or -errno. */
ssize_t kernel_read(struct file *f, void *buf, size_t count, loff_t *pos)
{
	struct file kf = *f;

	kf.f_flags |= O_KERNEL_BUF;
	return vfs_read(&kf, (char __user *)buf, count, pos);
}

/* Write a kernel buffer through f, at *pos (advanced), the same way. */
ssize_t kernel_write(struct file *f, const void *buf, size_t count, loff_t *pos)
{
	struct file kf = *f;

	kf.f_flags |= O_KERNEL_BUF;
	return vfs_write(&kf, (const char __user *)buf, count, pos);
}
