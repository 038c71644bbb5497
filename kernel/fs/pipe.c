/* Pipes: a 64 KiB ring buffer between a read end and a write end (two
 * struct files on one inode that is in no directory). Readers sleep while
 * it is empty and see end of file once no writer is left; writers sleep
 * while it is full, and get SIGPIPE and -EPIPE once no reader is left.
 * Writes of at most PIPE_BUF bytes are never mixed with other writers'. */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/syscalls.h>
#include "internal.h"

#define PIPE_SIZE	65536		/* as Linux's default (a power of 2) */
#define PIPE_BUF	4096		/* writes up to this size are atomic */

struct pipe_inode_info {
	struct mutex mutex;		/* buf, head, tail */
	char *buf;
	unsigned int head, tail;	/* free-running: the bytes [tail, head) */
	unsigned int readers, writers;	/* open read ends, write ends */
	struct wait_queue_head rd_wait, wr_wait;
};

static unsigned int pipe_used(struct pipe_inode_info *pipe)
{
	return READ_ONCE(pipe->head) - READ_ONCE(pipe->tail);
}

static bool pipe_readable(struct pipe_inode_info *pipe)
{
	return pipe_used(pipe) || !READ_ONCE(pipe->writers);
}

static bool pipe_writable(struct pipe_inode_info *pipe, unsigned int need)
{
	return PIPE_SIZE - pipe_used(pipe) >= need || !READ_ONCE(pipe->readers);
}

/* Wake the other side (and poll) after a change. */
static void pipe_wake(struct wait_queue_head *wq)
{
	wake_up(wq);
	poll_wake();
}

/* Take what is there (up to count), sleeping while the pipe is empty and
 * has a writer. 0 at end of file; -EAGAIN, -EINTR, -EFAULT. */
static ssize_t pipe_read(struct file *f, char __user *buf, size_t count, loff_t *pos)
{
	struct pipe_inode_info *pipe = f->private_data;
	size_t done = 0;
	unsigned long left = 0;

	mutex_lock(&pipe->mutex);
	while (!pipe_used(pipe)) {
		mutex_unlock(&pipe->mutex);
		if (!pipe->writers)
			return 0;			/* end of file */
		if (f->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event_interruptible(pipe->rd_wait, pipe_readable(pipe)))
			return -EINTR;
		mutex_lock(&pipe->mutex);
	}
	while (done < count && pipe_used(pipe) && !left) {
		unsigned int off = pipe->tail % PIPE_SIZE;
		size_t n = min(min(count - done, (size_t)pipe_used(pipe)), (size_t)(PIPE_SIZE - off));

		left = file_copy_to(f, buf + done, pipe->buf + off, n);
		pipe->tail += n - left;
		done += n - left;
	}
	mutex_unlock(&pipe->mutex);
	pipe_wake(&pipe->wr_wait);
	return done ? (ssize_t)done : -EFAULT;
}

/* Put all count bytes in, sleeping while there is no room (a write of at
 * most PIPE_BUF waits for room for all of it, so it lands in one piece).
 * Returns what went in, or -EPIPE (and SIGPIPE), -EAGAIN, -EINTR, -EFAULT
 * if nothing did. */
static ssize_t pipe_write(struct file *f, const char __user *buf, size_t count, loff_t *pos)
{
	struct pipe_inode_info *pipe = f->private_data;
	unsigned int need = count <= PIPE_BUF ? count : 1;	/* room to wait for */
	size_t done = 0;
	ssize_t err = 0;

	mutex_lock(&pipe->mutex);
	while (done < count && !err) {
		if (!pipe->readers) {
			send_sig(SIGPIPE, current);
			err = -EPIPE;
		} else if (PIPE_SIZE - pipe_used(pipe) < need) {
			mutex_unlock(&pipe->mutex);
			pipe_wake(&pipe->rd_wait);	/* let readers make room */
			if (f->f_flags & O_NONBLOCK)
				err = -EAGAIN;
			else if (wait_event_interruptible(pipe->wr_wait, pipe_writable(pipe, need)))
				err = -EINTR;
			mutex_lock(&pipe->mutex);
		} else {
			unsigned int off = pipe->head % PIPE_SIZE;
			size_t n = min(min(count - done, (size_t)(PIPE_SIZE - pipe_used(pipe))),
				       (size_t)(PIPE_SIZE - off));
			unsigned long left = file_copy_from(f, pipe->buf + off, buf + done, n);

			pipe->head += n - left;
			done += n - left;
			if (left)
				err = -EFAULT;
		}
	}
	mutex_unlock(&pipe->mutex);
	pipe_wake(&pipe->rd_wait);
	return done ? (ssize_t)done : err;
}

/* Read end: POLLIN with data, POLLHUP without writers. Write end: POLLOUT
 * with room for PIPE_BUF, POLLERR without readers. */
static unsigned int pipe_poll(struct file *f)
{
	struct pipe_inode_info *pipe = f->private_data;
	unsigned int mask = 0;

	if ((f->f_flags & O_ACCMODE) == O_RDONLY) {
		if (pipe_used(pipe))
			mask |= POLLIN | POLLRDNORM;
		if (!pipe->writers)
			mask |= POLLHUP;
	} else {
		if (PIPE_SIZE - pipe_used(pipe) >= PIPE_BUF)
			mask |= POLLOUT | POLLWRNORM;
		if (!pipe->readers)
			mask |= POLLERR;
	}
	return mask;
}

/* An end is closed: the pipe goes away with its last end. */
static int pipe_release(struct inode *inode, struct file *f)
{
	struct pipe_inode_info *pipe = f->private_data;
	bool free;

	mutex_lock(&pipe->mutex);
	if ((f->f_flags & O_ACCMODE) == O_RDONLY)
		pipe->readers--;
	else
		pipe->writers--;
	free = !pipe->readers && !pipe->writers;
	mutex_unlock(&pipe->mutex);
	if (free) {
		inode->i_private = NULL;
		kfree(pipe->buf);
		kfree(pipe);
	} else {
		pipe_wake(&pipe->rd_wait);
		pipe_wake(&pipe->wr_wait);
	}
	return 0;
}

static const struct file_operations pipefifo_fops = {
	.read = pipe_read,
	.write = pipe_write,
	.poll = pipe_poll,
	.release = pipe_release,
};

/* Make a pipe: res[0] its read end, res[1] its write end (O_NONBLOCK in
 * flags applies to both). 0 or -ENOMEM. */
int create_pipe_files(struct file **res, int flags)
{
	struct pipe_inode_info *pipe = kzalloc(sizeof(*pipe), GFP_KERNEL);
	struct inode *inode = new_inode(S_IFIFO | 0600, NULL, &pipefifo_fops);

	if (pipe)
		pipe->buf = kmalloc(PIPE_SIZE, GFP_KERNEL);
	if (!pipe || !pipe->buf || !inode)
		goto err;
	mutex_init(&pipe->mutex);
	init_waitqueue_head(&pipe->rd_wait);
	init_waitqueue_head(&pipe->wr_wait);
	pipe->readers = pipe->writers = 1;
	inode->i_private = pipe;
	res[0] = vfs_open(inode, O_RDONLY | (flags & O_NONBLOCK));
	if (IS_ERR(res[0]))
		goto err;
	res[0]->private_data = pipe;
	res[1] = vfs_open(inode, O_WRONLY | (flags & O_NONBLOCK));
	if (IS_ERR(res[1])) {
		pipe->writers = 0;
		fput(res[0]);		/* its release frees the pipe */
		iput(inode);
		return -ENOMEM;
	}
	res[1]->private_data = pipe;
	iput(inode);			/* the two files hold it */
	return 0;
err:
	if (pipe)
		kfree(pipe->buf);
	kfree(pipe);
	iput(inode);
	return -ENOMEM;
}

/* pipe2: flags O_CLOEXEC and O_NONBLOCK. The two descriptors go to
 * fildes[0] (read end) and fildes[1] (write end). */
long sys_pipe2(int __user *fildes, int flags)
{
	struct file *files[2];
	int fd[2], err;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	err = create_pipe_files(files, flags);
	if (err)
		return err;
	fd[0] = fd_install_lowest(files[0], 0, flags);
	fd[1] = fd[0] < 0 ? -EMFILE : fd_install_lowest(files[1], 0, flags);
	if (fd[1] < 0) {
		if (fd[0] < 0)
			fput(files[0]);
		else
			sys_close(fd[0]);
		fput(files[1]);
		return -EMFILE;
	}
	if (copy_to_user(fildes, fd, sizeof(fd))) {
		sys_close(fd[0]);
		sys_close(fd[1]);
		return -EFAULT;
	}
	return 0;
}

long sys_pipe(int __user *fildes)
{
	return sys_pipe2(fildes, 0);
}
