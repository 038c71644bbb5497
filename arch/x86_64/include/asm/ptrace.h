/* struct pt_regs: the registers saved on the kernel stack at every entry
 * from user space or interrupt (arch/x86_64/entry.S builds it). */
#ifndef _ASM_PTRACE_H
#define _ASM_PTRACE_H

#ifndef __ASSEMBLY__
#include <linux/types.h>

struct pt_regs {
	unsigned long r15, r14, r13, r12, rbp, rbx, r11, r10;
	unsigned long r9, r8, rax, rcx, rdx, rsi, rdi;
	unsigned long vector;		/* exception/IRQ vector, or VECTOR_SYSCALL */
	unsigned long orig_rax;		/* error code, or the syscall number */
	/* what the CPU pushes (iretq pops) */
	unsigned long rip, cs, rflags, rsp, ss;
};

static inline bool user_mode(const struct pt_regs *regs)
{
	return (regs->cs & 3) == 3;
}
#endif

#define VECTOR_SYSCALL	0x80

/* Segment selectors (arch/x86_64/gdt.c). syscall/sysret need user data
 * right below user code. */
#define __KERNEL_CS	0x08
#define __KERNEL_DS	0x10
#define __USER_DS	0x1b
#define __USER_CS	0x23
#define GDT_ENTRY_TSS	5

/* offsets used by the assembly */
#define PTREGS_SIZE	(22 * 8)

#endif
