/* Preemption control: while preempt_count is non-zero, the timer interrupt
 * does not switch tasks (kernel/sched.c). Spinlocks raise it. */
#ifndef _LINUX_PREEMPT_H
#define _LINUX_PREEMPT_H

extern int preempt_count;
extern int need_resched;
void preempt_schedule(void);

#ifdef HOST_TEST
#define preempt_disable() ((void)0)
#define preempt_enable() ((void)0)
#else
static inline void preempt_disable(void)
{
	preempt_count++;
	__asm__ volatile("" ::: "memory");
}

static inline void preempt_enable(void)
{
	__asm__ volatile("" ::: "memory");
	if (--preempt_count == 0 && need_resched)
		preempt_schedule();
}
#endif

#define preemptible() (preempt_count == 0 && !irqs_disabled())

#endif
