/* The scheduler: round robin over the runnable tasks (processes and kernel
 * threads alike), preemptive. The timer tick takes a slice away from the
 * running task; when it is used up, need_resched is set and the task is
 * switched out on its way back from the interrupt (or at the next
 * preempt_enable), unless it holds a spinlock (preempt_count > 0).
 * One CPU: the run queue needs only interrupts off to be safe. */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/errno.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <asm/boot.h>
#include <asm/desc.h>
#include <asm/processor.h>
#include <asm/ptrace.h>

#define TIME_SLICE_TICKS 10		/* 10 ms */

struct task_struct init_task = {
	.state = TASK_RUNNING,
	.flags = PF_KTHREAD,
	.pid = 0,
	.comm = "swapper",
};
struct task_struct *current_task = &init_task;
LIST_HEAD(task_list);
static LIST_HEAD(runqueue);

int preempt_count;
int need_resched;
extern char init_stack[];

void mm_switch(struct mm_struct *prev, struct mm_struct *next);
void fpu_switch(struct task_struct *prev, struct task_struct *next);
void finish_task_switch(void);
static struct task_struct *last_task;
void __switch_to_asm(unsigned long *prev_sp, unsigned long next_sp);

void sched_init(void)
{
	init_task.stack = init_stack;
	init_task.active_mm = &init_mm;
	INIT_LIST_HEAD(&init_task.run_list);
	INIT_LIST_HEAD(&init_task.children);
	INIT_LIST_HEAD(&init_task.sibling);
	init_waitqueue_head(&init_task.wait_chldexit);
	list_add_tail(&init_task.tasks, &task_list);
	timer_setup(&init_task.sleep_timer, NULL);
}

static bool on_runqueue(struct task_struct *p)
{
	return !list_empty(&p->run_list);
}

/* Make a sleeping (or new) task runnable. Returns 1 if it was not already. */
int wake_up_process(struct task_struct *p)
{
	unsigned long flags;
	int woke = 0;

	local_irq_save(flags);
	if (p->state == TASK_INTERRUPTIBLE || p->state == TASK_UNINTERRUPTIBLE ||
	    (p->state == TASK_RUNNING && !on_runqueue(p) && p != &init_task)) {
		p->state = TASK_RUNNING;
		if (!on_runqueue(p) && p != &init_task)
			list_add_tail(&p->run_list, &runqueue);
		woke = 1;
	}
	local_irq_restore(flags);
	return woke;
}

void set_current_state(int state)
{
	current->state = state;
	barrier();
}

/* Switch address space (if needed) and kernel stack. Interrupts are off. */
static void context_switch(struct task_struct *prev, struct task_struct *next)
{
	struct mm_struct *mm = next->mm ? next->mm : prev->active_mm;

	/* Kernel threads borrow the previous task's page table (its kernel half
	 * is the same everywhere): Linux's lazy TLB. */
	if (mm != prev->active_mm)
		mm_switch(prev->active_mm, mm);
	next->active_mm = mm;
	load_sp0((unsigned long)next->stack + KERNEL_STACK_SIZE);
	fpu_switch(prev, next);
	if (next->mm)
		wrmsr(MSR_FS_BASE, next->thread.fsbase);
	current_task = next;
	last_task = prev;
	__switch_to_asm(&prev->thread.sp, next->thread.sp);
	finish_task_switch();
}

/* Now running the next task: free the previous one if it was a dead task
 * that nobody will wait for (a kernel thread, or an auto-reaped child). */
void finish_task_switch(void)
{
	struct task_struct *prev = last_task;
	last_task = NULL;
	if (prev && prev->state == EXIT_DEAD) {
		list_del(&prev->tasks);
		put_task_struct(prev);
	}
}

/*
 * Give the CPU to the next runnable task. A task that set its state to
 * sleep (TASK_INTERRUPTIBLE/UNINTERRUPTIBLE) leaves the run queue; one
 * still TASK_RUNNING goes to its tail. A preemption (the tick, or
 * preempt_enable) never dequeues: the task may be between setting its
 * sleep state and checking its condition, and must get to do that check.
 */
static void __schedule(bool preempt)
{
	struct task_struct *prev = current, *next;
	unsigned long flags;

	if (preempt_count)
		panic("scheduling while atomic: %s/%d, preempt_count %d",
		      prev->comm, prev->pid, preempt_count);
	local_irq_save(flags);
	preempt_count++;
	need_resched = 0;
	if (prev != &init_task) {
		if (prev->state == TASK_RUNNING || (preempt && prev->state != EXIT_ZOMBIE &&
						    prev->state != EXIT_DEAD)) {
			list_del_init(&prev->run_list);
			list_add_tail(&prev->run_list, &runqueue);
		} else if (on_runqueue(prev)) {
			list_del_init(&prev->run_list);
		}
	}
	next = list_empty(&runqueue) ? &init_task
				      : list_first_entry(&runqueue, struct task_struct, run_list);
	next->time_slice = TIME_SLICE_TICKS;
	if (next != prev)
		context_switch(prev, next);
	preempt_count--;
	local_irq_restore(flags);
}

/* Sleep (after setting the task state) or yield. Not with a spinlock held. */
void schedule(void)
{
	__schedule(false);
}

/* Involuntary switch: the tick asked for it (need_resched). */
void preempt_schedule_irq(void)
{
	__schedule(true);
}

/* The first thing a new task runs (from ret_from_fork): finish the switch
 * that schedule() began in the previous task. */
void schedule_tail(void)
{
	finish_task_switch();
	preempt_count--;
}

/* Timer tick: charge the running task and ask for a switch when its slice
 * is used up. */
void scheduler_tick(void)
{
	struct task_struct *p = current;

	if (p == &init_task) {
		if (!list_empty(&runqueue))
			need_resched = 1;
		return;
	}
	p->stime_ticks++;
	if (p->time_slice)
		p->time_slice--;
	if (!p->time_slice)
		need_resched = 1;
}

/* preempt_enable() found need_resched set. */
void preempt_schedule(void)
{
	if (preempt_count == 0 && !irqs_disabled())
		__schedule(true);
}

/* Voluntary preemption point for long kernel loops. */
void cond_resched(void)
{
	if (need_resched && preempt_count == 0)
		__schedule(true);
}

void yield(void)
{
	schedule();
}

static void process_timeout(struct timer_list *t)
{
	wake_up_process(container_of(t, struct task_struct, sleep_timer));
}

/* Sleep until woken or until timeout jiffies pass (the caller has set the
 * task state). Returns the jiffies left, 0 if the time ran out. */
long schedule_timeout(long timeout)
{
	struct task_struct *p = current;
	unsigned long expire = jiffies + timeout;

	if (timeout <= 0) {
		p->state = TASK_RUNNING;
		return 0;
	}
	timer_setup(&p->sleep_timer, process_timeout);
	p->sleep_timer.expires = expire;
	add_timer(&p->sleep_timer);
	schedule();
	del_timer(&p->sleep_timer);
	long left = (long)(expire - jiffies);
	return left < 0 ? 0 : left;
}

long schedule_timeout_interruptible(long timeout)
{
	set_current_state(TASK_INTERRUPTIBLE);
	return schedule_timeout(timeout);
}

long schedule_timeout_uninterruptible(long timeout)
{
	set_current_state(TASK_UNINTERRUPTIBLE);
	return schedule_timeout(timeout);
}

/* Sleep at least ms milliseconds: one tick more, since the current tick
 * is already partly over. */
void msleep(unsigned int ms)
{
	long left = msecs_to_jiffies(ms) + 1;
	while (left)
		left = schedule_timeout_uninterruptible(left);
}

/* The idle task: pid 0 runs when nothing else can, halting until the next
 * interrupt. */
void cpu_idle(void)
{
	for (;;) {
		local_irq_disable();
		if (list_empty(&runqueue))
			__asm__ volatile("sti; hlt" ::: "memory");
		else
			local_irq_enable();
		schedule();
	}
}

static pid_t last_pid;

/*
 * task_list is changed and walked with preemption off: on one CPU that is
 * its lock (a task reaped in the middle of a walk would leave the walker
 * on freed memory). The task found is safe to use only until the caller
 * next sleeps or turns preemption back on; to keep it longer, take
 * find_get_task_by_pid.
 */
struct task_struct *find_task_by_pid(pid_t pid)
{
	struct task_struct *p, *found = NULL;

	preempt_disable();
	list_for_each_entry(p, &task_list, tasks)
		if (p->pid == pid && p->state != EXIT_DEAD) {
			found = p;
			break;
		}
	preempt_enable();
	return found;
}

/* The task with this pid, with a reference (put_task_struct), or NULL. */
struct task_struct *find_get_task_by_pid(pid_t pid)
{
	struct task_struct *p;

	preempt_disable();
	p = find_task_by_pid(pid);
	if (p)
		get_task_struct(p);
	preempt_enable();
	return p;
}

pid_t alloc_pid(void)
{
	do {
		if (++last_pid >= 32768)
			last_pid = 1;
	} while (find_task_by_pid(last_pid));
	return last_pid;
}

/* A new task with a kernel stack and an empty switch frame; not yet runnable. */
struct task_struct *alloc_task(const char *name)
{
	struct task_struct *t = kzalloc(sizeof(*t), GFP_KERNEL);
	if (!t)
		return NULL;
	t->stack = vmap_stack_alloc();
	if (!t->stack) {
		kfree(t);
		return NULL;
	}
	mod_node_page_state(NR_KERNEL_STACK_KB, KERNEL_STACK_SIZE / 1024);
	strlcpy(t->comm, name, sizeof(t->comm));
	atomic_set(&t->usage, 1);
	t->state = TASK_UNINTERRUPTIBLE;
	t->pid = t->tgid = alloc_pid();
	INIT_LIST_HEAD(&t->run_list);
	INIT_LIST_HEAD(&t->children);
	INIT_LIST_HEAD(&t->sibling);
	init_waitqueue_head(&t->wait_chldexit);
	timer_setup(&t->sleep_timer, NULL);
	t->start_time = ktime_get_ns();
	t->time_slice = TIME_SLICE_TICKS;
	return t;
}

/* Free a task whose last reference is gone (put_task_struct), or one that
 * never became visible (a failed fork). */
void free_task(struct task_struct *t)
{
	vmap_stack_free(t->stack);
	mod_node_page_state(NR_KERNEL_STACK_KB, -(KERNEL_STACK_SIZE / 1024));
	kfree(t);
}

/* One CPU: the mask has bit 0 only. Linux copies its cpumask (8 bytes with
 * one CPU) and returns that size; musl's sysconf(_SC_NPROCESSORS_ONLN)
 * counts the bits. */
long sys_sched_getaffinity(pid_t pid, unsigned int len, unsigned long __user *mask)
{
	unsigned long cpus = 1;

	if (len * 8 < 1 || (len & (sizeof(long) - 1)))
		return -EINVAL;
	if (pid < 0 || (pid && !find_task_by_pid(pid)))
		return -ESRCH;
	if (copy_to_user(mask, &cpus, sizeof(cpus)))
		return -EFAULT;
	return sizeof(cpus);
}
