/* poll(2): which of a set of descriptors are ready, waiting up to a
 * timeout for one to become so. Every file that can change readiness
 * (pipes, the console) calls poll_wake(), which bumps a counter and wakes
 * all pollers; each then asks its files' ->poll again. Simple, and with
 * a handful of processes, cheap. */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include "internal.h"

struct pollfd {
	int fd;
	short events;
	short revents;
};

static DECLARE_WAIT_QUEUE_HEAD(poll_wait_queue);
static unsigned long poll_event;	/* bumped by every poll_wake() */

/* Something may have become ready. Any context, interrupts included. */
void poll_wake(void)
{
	WRITE_ONCE(poll_event, poll_event + 1);
	wake_up(&poll_wait_queue);
}

/* Fill each revents; returns how many are non-zero. A file without ->poll
 * (regular files, devices) is always ready; a closed fd gets POLLNVAL. */
static int do_pollfds(struct pollfd *fds, unsigned int nfds)
{
	int ready = 0;

	for (unsigned int i = 0; i < nfds; i++) {
		struct file *f;
		unsigned int mask;

		fds[i].revents = 0;
		if (fds[i].fd < 0)
			continue;
		f = fget(fds[i].fd);
		if (!f) {
			mask = POLLNVAL;
		} else {
			mask = f->f_op && f->f_op->poll ? f->f_op->poll(f)
				: POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM;
			fput(f);
		}
		fds[i].revents = mask & (fds[i].events | POLLERR | POLLHUP | POLLNVAL);
		if (fds[i].revents)
			ready++;
	}
	return ready;
}

/* Check, then sleep until a poll_wake(), a signal or the deadline, and
 * check again. timeout_msecs: -1 (or any negative) waits forever, 0 not
 * at all. Returns the number of ready fds, 0 on timeout, or -EINTR. */
static long do_poll(struct pollfd *fds, unsigned int nfds, int timeout_msecs)
{
	unsigned long deadline = jiffies + msecs_to_jiffies(timeout_msecs > 0 ? timeout_msecs : 0) + 1;

	for (;;) {
		unsigned long seen = READ_ONCE(poll_event);
		int ready = do_pollfds(fds, nfds);
		long left;

		if (ready || !timeout_msecs)
			return ready;
		if (signal_pending(current))
			return -EINTR;
		if (timeout_msecs < 0) {
			wait_event_interruptible(poll_wait_queue, READ_ONCE(poll_event) != seen);
			continue;
		}
		left = (long)(deadline - jiffies);
		if (left <= 0)
			return 0;
		wait_event_interruptible_timeout(poll_wait_queue, READ_ONCE(poll_event) != seen, left);
	}
}

/* poll(2): at most NR_OPEN_DEFAULT fds. */
long sys_poll(struct pollfd __user *ufds, unsigned int nfds, int timeout_msecs)
{
	struct pollfd *fds = NULL;
	long ret;

	if (nfds > NR_OPEN_DEFAULT)
		return -EINVAL;
	if (nfds && !(fds = kmalloc(nfds * sizeof(*fds), GFP_KERNEL)))
		return -ENOMEM;
	if (copy_from_user(fds, ufds, nfds * sizeof(*fds))) {
		kfree(fds);
		return -EFAULT;
	}
	ret = do_poll(fds, nfds, timeout_msecs);
	if (ret >= 0 && copy_to_user(ufds, fds, nfds * sizeof(*fds)))
		ret = -EFAULT;
	kfree(fds);
	return ret;
}
