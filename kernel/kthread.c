/* Kernel threads: tasks that run a kernel function and never enter user
 * space (khugepaged, kswapd, the self-tests). They have no mm of their own. */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/mm.h>
#include <asm/boot.h>
#include <asm/ptrace.h>

extern char ret_from_fork[];

/* Lay out a new task's kernel stack so that the first switch to it "returns"
 * into ret_from_fork with rbx = fn and r12 = arg (entry.S). */
void setup_switch_frame(struct task_struct *t, unsigned long top, int (*fn)(void *), void *arg)
{
	unsigned long *sp = (unsigned long *)top;

	*--sp = (unsigned long)ret_from_fork;
	*--sp = 0;			/* rbp */
	*--sp = (unsigned long)fn;	/* rbx */
	*--sp = (unsigned long)arg;	/* r12 */
	*--sp = 0;			/* r13 */
	*--sp = 0;			/* r14 */
	*--sp = 0;			/* r15 */
	t->thread.sp = (unsigned long)sp;
}

struct task_struct *kthread_run(int (*fn)(void *), void *arg, const char *name)
{
	struct task_struct *t = alloc_task(name);
	if (!t)
		return NULL;
	t->flags = PF_KTHREAD;
	t->kthread_fn = fn;
	t->parent = &init_task;
	/* room for a struct pt_regs at the top: pid 1 will become a process */
	setup_switch_frame(t, (unsigned long)t->stack + KERNEL_STACK_SIZE - sizeof(struct pt_regs), fn, arg);
	preempt_disable();		/* task_list's lock (find_task_by_pid) */
	list_add_tail(&t->tasks, &task_list);
	list_add_tail(&t->sibling, &init_task.children);
	preempt_enable();
	wake_up_process(t);
	return t;
}

/* A kernel thread's function returned: the thread ends. */
void kthread_exit(int code)
{
	do_exit(code << 8);
}
