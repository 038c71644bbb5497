/* Tasks (processes and kernel threads) and the scheduler (kernel/sched.c). */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/wait.h>
#include <linux/time.h>
#include <linux/signal.h>

struct mm_struct;
struct files_struct;
struct pt_regs;
struct inode;

/* task->state */
#define TASK_RUNNING		0
#define TASK_INTERRUPTIBLE	1	/* sleeping; a signal wakes it */
#define TASK_UNINTERRUPTIBLE	2	/* sleeping; only its event wakes it */
#define TASK_STOPPED		4
#define EXIT_ZOMBIE		16	/* exited, waiting for its parent's wait4 */
#define EXIT_DEAD		32

/* task->flags */
#define PF_EXITING	0x00000004
#define PF_KTHREAD	0x00200000

#define TASK_COMM_LEN	16

struct thread_struct {
	unsigned long sp;		/* saved kernel stack pointer (switch_to) */
	unsigned long fsbase;		/* user FS base (arch_prctl ARCH_SET_FS) */
};

struct task_struct {
	int state;
	unsigned int flags;
	atomic_t usage;			/* 1 until reaped, + 1 per get_task_struct */
	pid_t pid;
	pid_t tgid;
	pid_t pgrp, session;
	char comm[TASK_COMM_LEN];

	struct thread_struct thread;
	void *stack;			/* kernel stack: KERNEL_STACK_SIZE bytes */

	struct mm_struct *mm;		/* NULL for kernel threads */
	struct mm_struct *active_mm;	/* the page table in use */

	struct list_head run_list;	/* on the run queue when runnable */
	struct list_head tasks;		/* all tasks */
	struct task_struct *parent;
	struct list_head children;
	struct list_head sibling;
	struct wait_queue_head wait_chldexit;	/* a parent sleeps here in wait4 */
	int exit_code;			/* wait4 status word */
	int exit_signal;		/* sent to the parent at exit (SIGCHLD) */

	unsigned long time_slice;	/* ticks left before preemption */
	struct timer_list sleep_timer;	/* schedule_timeout() */
	u64 start_time;			/* ns since boot */
	u64 utime_ticks, stime_ticks;

	struct files_struct *files;
	struct inode *cwd;
	char cwd_path[256];

	sigset_t pending;		/* signals sent, not yet delivered */
	sigset_t blocked;
	struct k_sigaction sighand[_NSIG];
	unsigned long sas_ss_sp, sas_ss_size;

	int *clear_child_tid;
	int (*kthread_fn)(void *);
	struct task_struct *vfork_parent;	/* set in a vfork child until exec/exit */
	int vfork_done;				/* set in the parent when it may go on */
	bool did_exec;

	/* user x87/SSE registers, saved at every switch away (fxsave format) */
	u8 fpu_state[512] __aligned(16);
};

void fpu_copy(struct task_struct *dst, struct task_struct *src);
void fpu_init_state(struct task_struct *t);
void mm_release_vfork(struct task_struct *t);

extern struct task_struct *current_task;
#define current current_task
extern struct task_struct init_task;	/* pid 0: the idle task */
extern struct list_head task_list;

void sched_init(void);
void schedule(void);
void preempt_schedule_irq(void);
void schedule_tail(void);
void scheduler_tick(void);
long schedule_timeout(long timeout);		/* jiffies; state set by the caller */
long schedule_timeout_interruptible(long timeout);
long schedule_timeout_uninterruptible(long timeout);
void msleep(unsigned int ms);
int wake_up_process(struct task_struct *p);
void set_current_state(int state);
void cond_resched(void);
extern int preempt_count;
/* Catch a sleep where sleeping is not allowed (spinlock held, interrupts off). */
#define might_sleep() do { if (preempt_count) \
	panic("sleeping function called from invalid context at %s:%d", __FILE__, __LINE__); } while (0)
void yield(void);

struct task_struct *alloc_task(const char *name);
void free_task(struct task_struct *t);
struct task_struct *find_task_by_pid(pid_t pid);
struct task_struct *find_get_task_by_pid(pid_t pid);
pid_t alloc_pid(void);

/* A reference keeps a task's struct and kernel stack (not its mm or files,
 * which it gives up at exit) after it has been reaped. */
static inline void get_task_struct(struct task_struct *t)
{
	atomic_inc(&t->usage);
}

static inline void put_task_struct(struct task_struct *t)
{
	if (atomic_dec_and_test(&t->usage))
		free_task(t);
}

/* Kernel threads (kernel/kthread.c). */
struct task_struct *kthread_run(int (*fn)(void *), void *arg, const char *name);
void kthread_exit(int code) __noreturn;
void do_exit(int code) __noreturn;
static inline bool kthread_should_stop(void) { return false; }

void kernel_poweroff(int status) __noreturn;

#endif
