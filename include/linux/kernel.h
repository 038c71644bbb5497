/* What almost every kernel file needs: types, printk, panic and BUG_ON. */
#ifndef _LINUX_KERNEL_H
#define _LINUX_KERNEL_H

#include <linux/types.h>
#include <linux/printk.h>
#include <linux/string.h>

void panic(const char *fmt, ...) __noreturn __attribute__((format(printf, 1, 2)));

#define BUG() panic("BUG at %s:%d in %s()", __FILE__, __LINE__, __func__)
#define BUG_ON(cond) do { if (unlikely(cond)) \
	panic("BUG_ON(%s) at %s:%d in %s()", #cond, __FILE__, __LINE__, __func__); } while (0)
#define WARN_ON(cond) ({ int __w = !!(cond); if (unlikely(__w)) \
	printk(KERN_WARNING "WARNING: %s at %s:%d in %s()\n", #cond, __FILE__, __LINE__, __func__); __w; })

/* Debug-only checks (CONFIG_DEBUG_VM in Linux): cost nothing when off. */
#ifdef CONFIG_DEBUG_VM
#define VM_BUG_ON(cond) BUG_ON(cond)
#else
#define VM_BUG_ON(cond) do { (void)sizeof(cond); } while (0)
#endif

unsigned long simple_strtoul(const char *s, char **end, unsigned int base);
int kstrtoul(const char *s, unsigned int base, unsigned long *res);
int kstrtoint(const char *s, unsigned int base, int *res);
unsigned long int_sqrt(unsigned long x);

#endif
