/* Every way into the kernel after boot, and the way out:
 *  - exceptions and interrupts: one stub per vector pushes the vector (and a
 *    zero error code where the CPU pushes none), then common_entry saves the
 *    rest of struct pt_regs and calls do_trap();
 *  - the syscall instruction: entry_SYSCALL_64 switches to the task's kernel
 *    stack, builds the same struct pt_regs, and calls do_syscall_64();
 *  - both leave through ret_to_user_or_kernel, which restores pt_regs and iretq.
 * __switch_to_asm swaps kernel stacks between two tasks. */

#include <asm/ptrace.h>

	.text

.macro TRAP_NOERR vec
	.globl trap_\vec
trap_\vec:
	pushq $0
	pushq $\vec
	jmp common_entry
.endm

.macro TRAP_ERR vec
	.globl trap_\vec
trap_\vec:
	pushq $\vec
	jmp common_entry
.endm

.macro SAVE_REGS
	pushq %rdi
	pushq %rsi
	pushq %rdx
	pushq %rcx
	pushq %rax
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %rbx
	pushq %rbp
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
.endm

.macro CLAC_IF_SMAP
	cmpb $0, cpu_has_smap(%rip)
	je .Lno_smap\@
	clac
.Lno_smap\@:
.endm

.macro RESTORE_REGS
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbp
	popq %rbx
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rax
	popq %rcx
	popq %rdx
	popq %rsi
	popq %rdi
.endm

/* The stub left the vector and the error code on the stack, right where
 * struct pt_regs wants them: save the general registers below them. */
common_entry:
	SAVE_REGS
	cld
	CLAC_IF_SMAP
	movq %rsp, %rdi
	xorl %ebp, %ebp			/* backtraces stop at the entry */
	call do_trap
	jmp ret_to_user_or_kernel

/* syscall: RCX = user RIP, R11 = user RFLAGS, interrupts off (FMASK). */
	.globl entry_SYSCALL_64
entry_SYSCALL_64:
	movq %rsp, syscall_user_rsp(%rip)
	movq cpu_kernel_stack(%rip), %rsp
	pushq $__USER_DS		/* ss */
	pushq syscall_user_rsp(%rip)	/* rsp */
	pushq %r11			/* rflags */
	pushq $__USER_CS		/* cs */
	pushq %rcx			/* rip */
	pushq %rax			/* orig_rax: the syscall number */
	pushq $VECTOR_SYSCALL		/* vector */
	SAVE_REGS
	cld
	CLAC_IF_SMAP
	movq %rsp, %rdi
	xorl %ebp, %ebp
	sti
	call do_syscall_64
	/* fall through */

	.globl ret_to_user_or_kernel
ret_to_user_or_kernel:
	cli
	movq %rsp, %rdi
	call prepare_exit			/* signals, rescheduling */
	RESTORE_REGS
	addq $16, %rsp			/* vector, orig_rax */
	iretq

/* A new task's first run: schedule() switched to it, so finish the switch,
 * then either run the kernel thread's function (rbx = fn, r12 = arg) or
 * return to user space through the pt_regs at the top of the stack. */
	.globl ret_from_fork
ret_from_fork:
	call schedule_tail
	testq %rbx, %rbx
	jz 1f
	movq %r12, %rdi
	sti
	call *%rbx
	movl %eax, %edi
	call kthread_exit
1:	movq %rsp, %rdi
	jmp ret_to_user_or_kernel

/* void __switch_to_asm(unsigned long *prev_sp, unsigned long next_sp) */
	.globl __switch_to_asm
__switch_to_asm:
	pushq %rbp
	pushq %rbx
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	movq %rsp, (%rdi)
	movq %rsi, %rsp
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbx
	popq %rbp
	ret

	/* exceptions 0-31 (8, 10-14, 17, 21, 29, 30 push an error code) */
	TRAP_NOERR 0
	TRAP_NOERR 1
	TRAP_NOERR 2
	TRAP_NOERR 3
	TRAP_NOERR 4
	TRAP_NOERR 5
	TRAP_NOERR 6
	TRAP_NOERR 7
	TRAP_ERR 8
	TRAP_NOERR 9
	TRAP_ERR 10
	TRAP_ERR 11
	TRAP_ERR 12
	TRAP_ERR 13
	TRAP_ERR 14
	TRAP_NOERR 15
	TRAP_NOERR 16
	TRAP_ERR 17
	TRAP_NOERR 18
	TRAP_NOERR 19
	TRAP_NOERR 20
	TRAP_ERR 21
	TRAP_NOERR 22
	TRAP_NOERR 23
	TRAP_NOERR 24
	TRAP_NOERR 25
	TRAP_NOERR 26
	TRAP_NOERR 27
	TRAP_NOERR 28
	TRAP_ERR 29
	TRAP_ERR 30
	TRAP_NOERR 31
	/* legacy PIC interrupts, remapped to 32-47 */
	.irp v, 32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47
	TRAP_NOERR \v
	.endr

	.data
	.balign 8
	.globl trap_stubs
trap_stubs:
	.irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47
	.quad trap_\v
	.endr

	.globl syscall_user_rsp, cpu_kernel_stack
syscall_user_rsp:	.quad 0
cpu_kernel_stack:	.quad 0

/* pid 1 has exec'd its first program from kernel mode: leave for user mode
 * through the pt_regs at the top of its stack.
 * void ret_to_user_from_kernel(struct pt_regs *regs) */
	.text
	.globl ret_to_user_from_kernel
ret_to_user_from_kernel:
	cli
	movq %rdi, %rsp
	jmp ret_to_user_or_kernel
