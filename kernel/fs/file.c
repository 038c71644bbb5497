/* File descriptors: each process's table (files_struct) of pointers to
 * open files, copied at fork, cleaned at exec (close-on-exec), dropped at
 * exit; and dup, dup2, dup3, close, fcntl. An open file (struct file) is
 * shared by every descriptor that dup or fork made from it and goes away
 * with its last fput. */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/syscalls.h>
#include "internal.h"

/* fcntl commands and flags (Linux values) */
#define F_DUPFD		0
#define F_GETFD		1
#define F_SETFD		2
#define F_GETFL		3
#define F_SETFL		4
#define F_DUPFD_CLOEXEC	1030
#define FD_CLOEXEC	1

/* Guards the fd[] arrays and close_on_exec bits of every table (one CPU:
 * it only keeps a preempting task from seeing a half-made change). */
static DEFINE_SPINLOCK(files_lock);

static void set_close_on_exec(struct files_struct *files, unsigned int fd, bool on)
{
	if (on)
		files->close_on_exec[fd / 64] |= 1UL << (fd % 64);
	else
		files->close_on_exec[fd / 64] &= ~(1UL << (fd % 64));
}

static bool close_on_exec(struct files_struct *files, unsigned int fd)
{
	return files->close_on_exec[fd / 64] & (1UL << (fd % 64));
}

/* An empty table with one reference, or NULL. */
static struct files_struct *alloc_files_struct(void)
{
	struct files_struct *files = kzalloc(sizeof(*files), GFP_KERNEL);

	if (files)
		atomic_set(&files->count, 1);
	return files;
}

/* Take one more reference to an open file. */
void get_file(struct file *f)
{
	atomic_inc(&f->f_count);
}

/* Drop a reference to an open file; the last one releases it. May sleep. */
void fput(struct file *f)
{
	if (!atomic_dec_and_test(&f->f_count))
		return;
	if (f->f_op && f->f_op->release)
		f->f_op->release(f->f_inode, f);
	iput(f->f_inode);
	kfree(f);
}

/* The file open on fd in the current process, referenced; NULL if none. */
struct file *fget(unsigned int fd)
{
	struct files_struct *files = current->files;
	struct file *f = NULL;

	if (!files || fd >= NR_OPEN_DEFAULT)
		return NULL;
	spin_lock(&files_lock);
	f = files->fd[fd];
	if (f)
		get_file(f);
	spin_unlock(&files_lock);
	return f;
}

/* Put f at the lowest free descriptor >= start (O_CLOEXEC in flags sets
 * close-on-exec). The table takes over the caller's reference. Returns
 * the descriptor, or -EMFILE (the caller still owns f). */
int fd_install_lowest(struct file *f, unsigned int start, unsigned int flags)
{
	struct files_struct *files = current->files;
	int ret = -EMFILE;

	if (!files)
		return -EMFILE;
	spin_lock(&files_lock);
	for (unsigned int fd = start; fd < NR_OPEN_DEFAULT; fd++) {
		if (!files->fd[fd]) {
			files->fd[fd] = f;
			set_close_on_exec(files, fd, flags & O_CLOEXEC);
			ret = fd;
			break;
		}
	}
	spin_unlock(&files_lock);
	return ret;
}

/* Empty slot fd of files; returns the file it held (the caller fputs it),
 * or NULL. */
static struct file *pick_file(struct files_struct *files, unsigned int fd)
{
	struct file *f;

	spin_lock(&files_lock);
	f = files->fd[fd];
	files->fd[fd] = NULL;
	set_close_on_exec(files, fd, false);
	spin_unlock(&files_lock);
	return f;
}

/* Free descriptor fd; the file goes with its last descriptor. 0 or -EBADF. */
long sys_close(unsigned int fd)
{
	struct file *f;

	if (!current->files || fd >= NR_OPEN_DEFAULT)
		return -EBADF;
	f = pick_file(current->files, fd);
	if (!f)
		return -EBADF;
	fput(f);
	return 0;
}

/* A table whose fds 0, 1 and 2 share one open file of /dev/console (init's
 * standard input, output and error). NULL if that fails. */
struct files_struct *files_alloc_stdio(void)
{
	struct files_struct *files = alloc_files_struct();
	struct file *f;

	if (!files)
		return NULL;
	f = do_filp_open(NULL, "/dev/console", O_RDWR, 0);
	if (IS_ERR(f)) {
		kfree(files);
		return NULL;
	}
	files->fd[0] = f;
	get_file(f);
	files->fd[1] = f;
	get_file(f);
	files->fd[2] = f;
	return files;
}

/* fork: a new table with the same open files (each one more reference)
 * and the same close-on-exec bits. NULL if out of memory. */
struct files_struct *dup_fd(struct files_struct *old)
{
	struct files_struct *files = alloc_files_struct();

	if (!files || !old)
		return files;
	spin_lock(&files_lock);
	for (int fd = 0; fd < NR_OPEN_DEFAULT; fd++) {
		files->fd[fd] = old->fd[fd];
		if (files->fd[fd])
			get_file(files->fd[fd]);
	}
	memcpy(files->close_on_exec, old->close_on_exec, sizeof(files->close_on_exec));
	spin_unlock(&files_lock);
	return files;
}

/* exit: drop a reference to the table; the last one closes every file. */
void put_files_struct(struct files_struct *files)
{
	if (!files || !atomic_dec_and_test(&files->count))
		return;
	for (int fd = 0; fd < NR_OPEN_DEFAULT; fd++)
		if (files->fd[fd])
			fput(files->fd[fd]);
	kfree(files);
}

/* exec: close every descriptor marked close-on-exec. */
void do_close_on_exec(struct files_struct *files)
{
	for (int fd = 0; fd < NR_OPEN_DEFAULT; fd++) {
		if (close_on_exec(files, fd)) {
			struct file *f = pick_file(files, fd);
			if (f)
				fput(f);
		}
	}
}

/* Make newfd refer to oldfd's file (closing what newfd had); O_CLOEXEC in
 * flags marks it close-on-exec. Returns newfd or -EBADF. */
static long do_dup2(unsigned int oldfd, unsigned int newfd, int flags)
{
	struct files_struct *files = current->files;
	struct file *f, *old;

	if (newfd >= NR_OPEN_DEFAULT)
		return -EBADF;
	f = fget(oldfd);
	if (!f)
		return -EBADF;
	spin_lock(&files_lock);
	old = files->fd[newfd];
	files->fd[newfd] = f;
	set_close_on_exec(files, newfd, flags & O_CLOEXEC);
	spin_unlock(&files_lock);
	if (old)
		fput(old);
	return newfd;
}

/* As dup2, but oldfd == newfd is -EINVAL and O_CLOEXEC may be asked for. */
long sys_dup3(unsigned int oldfd, unsigned int newfd, int flags)
{
	if ((flags & ~O_CLOEXEC) || oldfd == newfd)
		return -EINVAL;
	return do_dup2(oldfd, newfd, flags);
}

/* newfd becomes a copy of oldfd (closing what newfd held). newfd or -EBADF. */
long sys_dup2(unsigned int oldfd, unsigned int newfd)
{
	struct file *f;

	if (oldfd == newfd) {		/* only checks that oldfd is open */
		f = fget(oldfd);
		if (!f)
			return -EBADF;
		fput(f);
		return newfd;
	}
	return do_dup2(oldfd, newfd, 0);
}

/* The lowest free descriptor >= start, for fd's file. */
static long dupfd(unsigned int fd, unsigned int start, int flags)
{
	struct file *f;
	int ret;

	f = fget(fd);			/* Linux looks at the descriptor first */
	if (!f)
		return -EBADF;
	if (start >= NR_OPEN_DEFAULT) {
		fput(f);
		return -EINVAL;
	}
	ret = fd_install_lowest(f, start, flags);
	if (ret < 0)
		fput(f);
	return ret;
}

/* The lowest free descriptor, for fildes's file. It or -EBADF/-EMFILE. */
long sys_dup(unsigned int fildes)
{
	return dupfd(fildes, 0, 0);
}

/* F_DUPFD(_CLOEXEC), F_GETFD/F_SETFD (FD_CLOEXEC), F_GETFL/F_SETFL (only
 * O_APPEND and O_NONBLOCK change). Other commands: -EINVAL. */
long sys_fcntl(unsigned int fd, unsigned int cmd, unsigned long arg)
{
	struct file *f;
	long ret = 0;

	if (cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC)
		return dupfd(fd, arg, cmd == F_DUPFD_CLOEXEC ? O_CLOEXEC : 0);
	f = fget(fd);
	if (!f)
		return -EBADF;
	switch (cmd) {
	case F_GETFD:
		ret = close_on_exec(current->files, fd) ? FD_CLOEXEC : 0;
		break;
	case F_SETFD:
		spin_lock(&files_lock);
		set_close_on_exec(current->files, fd, arg & FD_CLOEXEC);
		spin_unlock(&files_lock);
		break;
	case F_GETFL:
		ret = f->f_flags;
		break;
	case F_SETFL:
		f->f_flags = (f->f_flags & ~(O_APPEND | O_NONBLOCK)) |
			     (arg & (O_APPEND | O_NONBLOCK));
		break;
	default:
		ret = -EINVAL;
	}
	fput(f);
	return ret;
}
