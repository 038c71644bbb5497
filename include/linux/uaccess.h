/* Touching user memory from the kernel. Every user pointer a system call
 * receives goes through these: the range is checked to lie in user space,
 * SMAP is lifted only for the copy itself (stac/clac), and a fault in the
 * middle (an unmapped address) makes the copy stop short instead of
 * crashing: the page-fault handler finds the copy's entry in the exception
 * table and jumps to its fixup. */
#ifndef _LINUX_UACCESS_H
#define _LINUX_UACCESS_H

#include <linux/types.h>
#include <asm/page.h>

/* Does [addr, addr+size) lie entirely in user space (no wrap-around)? */
static inline bool access_ok(const void __user *addr, unsigned long size)
{
	unsigned long a = (unsigned long)addr;
	return size <= TASK_SIZE && a <= TASK_SIZE - size;
}

/* Returns the number of bytes NOT copied (0 on success). */
unsigned long copy_user_generic(void *to, const void *from, unsigned long len);
unsigned long clear_user_generic(void *to, unsigned long len);

static inline unsigned long copy_from_user(void *to, const void __user *from, unsigned long n)
{
	if (!access_ok(from, n))
		return n;
	return copy_user_generic(to, from, n);
}

static inline unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
	if (!access_ok(to, n))
		return n;
	return copy_user_generic(to, from, n);
}

static inline unsigned long clear_user(void __user *to, unsigned long n)
{
	if (!access_ok(to, n))
		return n;
	return clear_user_generic(to, n);
}

#define get_user(x, ptr) ({ __typeof__(*(ptr)) __v;				\
	unsigned long __r = copy_from_user(&__v, (ptr), sizeof(__v));		\
	if (!__r)								\
		(x) = __v;							\
	__r ? -EFAULT : 0; })
#define put_user(x, ptr) ({ __typeof__(*(ptr)) __v = (x); \
	copy_to_user((ptr), &__v, sizeof(__v)) ? -EFAULT : 0; })

/* Copy a NUL-terminated string of at most count bytes (NUL included).
 * Returns its length, -EFAULT on a bad pointer, or -ENAMETOOLONG if no NUL
 * was found within count bytes. */
long strncpy_from_user(char *dst, const char __user *src, long count);

#endif
