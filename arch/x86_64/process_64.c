/* Per-task CPU state of user processes: the x87/SSE registers (saved and
 * restored at every task switch, since user code uses SSE freely), the FS
 * base (TLS, set with arch_prctl), the address-space switch, and the
 * register state a new program starts with. */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/mm.h>
#include <linux/errno.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <asm/processor.h>
#include <asm/ptrace.h>

#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004

static u8 fpu_default_state[512] __aligned(16);

/* Turn on SSE for user mode and capture the clean register state that new
 * programs start from. */
void fpu_init(void)
{
	write_cr0((read_cr0() & ~BIT(2) /* EM */) | BIT(1) /* MP */);
	write_cr4(read_cr4() | X86_CR4_OSFXSR | BIT(10) /* OSXMMEXCPT */);
	__asm__ volatile("fninit");
	u32 mxcsr = 0x1f80;
	__asm__ volatile("ldmxcsr %0" :: "m"(mxcsr));
	__asm__ volatile("fxsave %0" : "=m"(fpu_default_state));
}

void fpu_init_state(struct task_struct *t)
{
	memcpy(t->fpu_state, fpu_default_state, sizeof(t->fpu_state));
}

void fpu_copy(struct task_struct *dst, struct task_struct *src)
{
	if (src == current && !(src->flags & PF_KTHREAD))
		__asm__ volatile("fxsave %0" : "=m"(src->fpu_state));
	memcpy(dst->fpu_state, src->fpu_state, sizeof(dst->fpu_state));
}

/* Called by the scheduler between two tasks (interrupts off). */
void fpu_switch(struct task_struct *prev, struct task_struct *next)
{
	if (!(prev->flags & PF_KTHREAD) || prev->mm)
		__asm__ volatile("fxsave %0" : "=m"(prev->fpu_state));
	if (!(next->flags & PF_KTHREAD) || next->mm)
		__asm__ volatile("fxrstor %0" :: "m"(next->fpu_state));
}

void mm_switch(struct mm_struct *prev, struct mm_struct *next)
{
	write_cr3(__pa(next->pgd));
}

/* Registers of a program about to start at ip with stack sp. */
void start_thread(struct pt_regs *regs, unsigned long ip, unsigned long sp)
{
	memset(regs, 0, sizeof(*regs));
	regs->rip = ip;
	regs->rsp = sp;
	regs->cs = __USER_CS;
	regs->ss = __USER_DS;
	regs->rflags = X86_EFLAGS_IF;
	current->thread.fsbase = 0;
	wrmsr(MSR_FS_BASE, 0);
	fpu_init_state(current);
	__asm__ volatile("fxrstor %0" :: "m"(current->fpu_state));
}

long sys_arch_prctl(int option, unsigned long arg2)
{
	switch (option) {
	case ARCH_SET_FS:
		if (arg2 >= TASK_SIZE)
			return -EPERM;
		current->thread.fsbase = arg2;
		wrmsr(MSR_FS_BASE, arg2);
		return 0;
	case ARCH_GET_FS:
		return put_user(current->thread.fsbase, (unsigned long __user *)arg2);
	case ARCH_SET_GS:
		return arg2 >= TASK_SIZE ? -EPERM : 0;
	case ARCH_GET_GS:
		return put_user(0UL, (unsigned long __user *)arg2);
	}
	return -EINVAL;
}
