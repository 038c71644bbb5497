/* Exception vectors and the handlers entry.S reaches. */
#ifndef _ASM_TRAPS_H
#define _ASM_TRAPS_H

#include <asm/ptrace.h>

#define X86_TRAP_DE	0	/* divide error */
#define X86_TRAP_DB	1
#define X86_TRAP_NMI	2
#define X86_TRAP_BP	3
#define X86_TRAP_UD	6	/* invalid opcode */
#define X86_TRAP_DF	8	/* double fault */
#define X86_TRAP_GP	13
#define X86_TRAP_PF	14

/* Page-fault error code bits */
#define X86_PF_PROT	BIT(0)	/* 0: page not present, 1: protection violation */
#define X86_PF_WRITE	BIT(1)
#define X86_PF_USER	BIT(2)
#define X86_PF_RSVD	BIT(3)
#define X86_PF_INSTR	BIT(4)

/* make run exits with this when the kernel dies (not a status init can give
 * through exit(), which ends at 255). */
#define KERNEL_PANIC_STATUS 0x7e

void do_page_fault(struct pt_regs *regs, unsigned long error_code, unsigned long address);
bool fixup_exception(struct pt_regs *regs);
void die(const char *what, struct pt_regs *regs) __attribute__((noreturn));
void show_regs(struct pt_regs *regs);

#endif
