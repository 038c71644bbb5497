/* Atomic counters. One CPU runs this kernel, but interrupts and preemption
 * can split a read-modify-write, so these use locked instructions. */
#ifndef _LINUX_ATOMIC_H
#define _LINUX_ATOMIC_H

#include <linux/types.h>

static inline int atomic_read(const atomic_t *v) { return READ_ONCE(v->counter); }
static inline void atomic_set(atomic_t *v, int i) { WRITE_ONCE(v->counter, i); }
static inline void atomic_add(int i, atomic_t *v) { __asm__ volatile("lock addl %1, %0" : "+m"(v->counter) : "ir"(i)); }
static inline void atomic_sub(int i, atomic_t *v) { __asm__ volatile("lock subl %1, %0" : "+m"(v->counter) : "ir"(i)); }
static inline void atomic_inc(atomic_t *v) { atomic_add(1, v); }
static inline void atomic_dec(atomic_t *v) { atomic_sub(1, v); }
static inline int atomic_add_return(int i, atomic_t *v)
{
	int old = i;
	__asm__ volatile("lock xaddl %0, %1" : "+r"(old), "+m"(v->counter) :: "memory");
	return old + i;
}
static inline int atomic_inc_return(atomic_t *v) { return atomic_add_return(1, v); }
static inline int atomic_dec_return(atomic_t *v) { return atomic_add_return(-1, v); }
static inline bool atomic_dec_and_test(atomic_t *v) { return atomic_dec_return(v) == 0; }
static inline bool atomic_inc_and_test(atomic_t *v) { return atomic_inc_return(v) == 0; }
static inline bool atomic_add_negative(int i, atomic_t *v) { return atomic_add_return(i, v) < 0; }

static inline long atomic_long_read(const atomic_long_t *v) { return READ_ONCE(v->counter); }
static inline void atomic_long_set(atomic_long_t *v, long i) { WRITE_ONCE(v->counter, i); }
static inline void atomic_long_add(long i, atomic_long_t *v) { __asm__ volatile("lock addq %1, %0" : "+m"(v->counter) : "er"(i)); }
static inline void atomic_long_sub(long i, atomic_long_t *v) { atomic_long_add(-i, v); }
static inline void atomic_long_inc(atomic_long_t *v) { atomic_long_add(1, v); }
static inline void atomic_long_dec(atomic_long_t *v) { atomic_long_add(-1, v); }

#endif
