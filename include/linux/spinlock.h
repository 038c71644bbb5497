/* Spinlocks on a single CPU: taking one disables preemption (and, with the
 * _irq/_irqsave variants, interrupts), which is all mutual exclusion needs
 * when there is one CPU. The "locked" word catches recursion and unlocks of
 * free locks, the bugs that would deadlock or corrupt on SMP. */
#ifndef _LINUX_SPINLOCK_H
#define _LINUX_SPINLOCK_H

#include <linux/types.h>
#include <linux/preempt.h>
#ifndef HOST_TEST
#include <asm/processor.h>
#endif

typedef struct {
	int locked;
	const char *name;
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED(n) { 0, #n }
#define DEFINE_SPINLOCK(n) spinlock_t n = __SPIN_LOCK_UNLOCKED(n)

void spin_lock_bug(spinlock_t *l, const char *what);

static inline void spin_lock_init(spinlock_t *l)
{
	l->locked = 0;
	l->name = "?";
}

#ifdef HOST_TEST
#define spin_lock(l) ((void)(l))
#define spin_unlock(l) ((void)(l))
#define spin_lock_irqsave(l, f) ((void)(l), (f) = 0)
#define spin_unlock_irqrestore(l, f) ((void)(l), (void)(f))
#define spin_lock_irq(l) ((void)(l))
#define spin_unlock_irq(l) ((void)(l))
#define assert_spin_locked(l) ((void)(l))
#else
static inline void spin_lock(spinlock_t *l)
{
	preempt_disable();
	if (l->locked)
		spin_lock_bug(l, "recursive lock");
	l->locked = 1;
}

static inline void spin_unlock(spinlock_t *l)
{
	if (!l->locked)
		spin_lock_bug(l, "unlock of a free lock");
	l->locked = 0;
	preempt_enable();
}

#define spin_lock_irqsave(l, flags) do { local_irq_save(flags); spin_lock(l); } while (0)
#define spin_unlock_irqrestore(l, flags) do { spin_unlock(l); local_irq_restore(flags); } while (0)
static inline void spin_lock_irq(spinlock_t *l) { local_irq_disable(); spin_lock(l); }
static inline void spin_unlock_irq(spinlock_t *l) { spin_unlock(l); local_irq_enable(); }
#define assert_spin_locked(l) BUG_ON(!(l)->locked)
#endif

#endif
