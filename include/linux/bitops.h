/* Single-bit operations on a word of flags (mm->flags, ...). */
#ifndef _LINUX_BITOPS_H
#define _LINUX_BITOPS_H

#include <linux/types.h>

static inline bool test_bit(int nr, const unsigned long *addr) { return (*addr >> nr) & 1; }
static inline void set_bit(int nr, unsigned long *addr) { __asm__ volatile("lock btsq %1, %0" : "+m"(*addr) : "r"((long)nr) : "memory"); }
static inline void clear_bit(int nr, unsigned long *addr) { __asm__ volatile("lock btrq %1, %0" : "+m"(*addr) : "r"((long)nr) : "memory"); }
static inline bool test_and_set_bit(int nr, unsigned long *addr)
{
	bool old;
	__asm__ volatile("lock btsq %2, %0; setc %1" : "+m"(*addr), "=qm"(old) : "r"((long)nr) : "memory");
	return old;
}
static inline bool test_and_clear_bit(int nr, unsigned long *addr)
{
	bool old;
	__asm__ volatile("lock btrq %2, %0; setc %1" : "+m"(*addr), "=qm"(old) : "r"((long)nr) : "memory");
	return old;
}

#endif
