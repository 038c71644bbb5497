/* The kernel's own symbol table, for backtraces (kernel/kallsyms.c). */
#ifndef _LINUX_KALLSYMS_H
#define _LINUX_KALLSYMS_H

#include <linux/types.h>

/* Name of the function containing addr, and the offset into it; NULL if none. */
const char *kallsyms_lookup(unsigned long addr, unsigned long *offset, unsigned long *size);
void print_symbol(unsigned long addr);
void show_trace(unsigned long rip, unsigned long rbp);
void dump_stack(void);

#endif
