/* Wait queues: a task sleeps on a queue until a condition becomes true and
 * someone calls wake_up() on that queue (kernel/wait.c). */
#ifndef _LINUX_WAIT_H
#define _LINUX_WAIT_H

#include <linux/list.h>
#include <linux/spinlock.h>

struct task_struct;

struct wait_queue_head {
	spinlock_t lock;
	struct list_head head;
};
typedef struct wait_queue_head wait_queue_head_t;

struct wait_queue_entry {
	struct task_struct *task;
	struct list_head entry;
};

/* A wait entry for the current task, not yet on any queue. */
#define DEFINE_WAIT(name) \
	struct wait_queue_entry name = { .task = current, .entry = LIST_HEAD_INIT(name.entry) }

#define __WAIT_QUEUE_HEAD_INITIALIZER(n) { __SPIN_LOCK_UNLOCKED(n.lock), LIST_HEAD_INIT(n.head) }
#define DECLARE_WAIT_QUEUE_HEAD(n) struct wait_queue_head n = __WAIT_QUEUE_HEAD_INITIALIZER(n)

void init_waitqueue_head(struct wait_queue_head *wq);
void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *w, int state);
void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *w);
void wake_up(struct wait_queue_head *wq);
#define wake_up_all wake_up
#define wake_up_interruptible wake_up

/* Sleep until cond is true. The _interruptible form returns -EINTR when a
 * signal arrives first (0 otherwise). */
#define wait_event(wq, cond) do {					\
	DEFINE_WAIT(__w);					\
	for (;;) {							\
		prepare_to_wait(&(wq), &__w, TASK_UNINTERRUPTIBLE);	\
		if (cond)						\
			break;						\
		schedule();						\
	}								\
	finish_wait(&(wq), &__w);					\
} while (0)

#define wait_event_interruptible(wq, cond) ({				\
	DEFINE_WAIT(__w);					\
	int __ret = 0;							\
	for (;;) {							\
		prepare_to_wait(&(wq), &__w, TASK_INTERRUPTIBLE);	\
		if (cond)						\
			break;						\
		if (signal_pending(current)) {				\
			__ret = -EINTR;					\
			break;						\
		}							\
		schedule();						\
	}								\
	finish_wait(&(wq), &__w);					\
	__ret;								\
})

/* As wait_event_interruptible, but gives up after timeout jiffies.
 * Returns the jiffies left (>= 1) if cond came true, 0 on timeout,
 * -EINTR on a signal. */
#define wait_event_interruptible_timeout(wq, cond, timeout) ({		\
	DEFINE_WAIT(__w);					\
	long __left = (timeout);					\
	for (;;) {							\
		prepare_to_wait(&(wq), &__w, TASK_INTERRUPTIBLE);	\
		if (cond) {						\
			if (!__left) __left = 1;			\
			break;						\
		}							\
		if (signal_pending(current)) {				\
			__left = -EINTR;				\
			break;						\
		}							\
		if (!__left)						\
			break;						\
		__left = schedule_timeout(__left);			\
	}								\
	finish_wait(&(wq), &__w);					\
	__left;								\
})

#endif
