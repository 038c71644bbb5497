/* Signals: sending (kill, faults, the console's ^C), the per-process
 * dispositions (rt_sigaction) and mask (rt_sigprocmask), and delivery on
 * the way back to user mode: default actions (terminate or ignore) or a
 * user handler, entered through a frame on the user stack that
 * rt_sigreturn undoes, laid out as Linux's x86-64 rt_sigframe. Job-control
 * stops are not supported (SIGSTOP and friends are treated as ignored). */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/errno.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/binfmts.h>
#include <asm/ptrace.h>
#include <asm/processor.h>

#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SIG_SETMASK	2
#define SS_ONSTACK	1
#define SS_DISABLE	2
#define UNBLOCKABLE	(sigmask(SIGKILL) | sigmask(SIGSTOP))

static bool sig_default_ignored(int sig)
{
	return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH || sig == SIGCONT ||
	       sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

static bool sig_ignored(struct task_struct *t, int sig)
{
	void *h = t->sighand[sig].handler;
	if (sig == SIGKILL)
		return false;
	return h == SIG_IGN || (h == SIG_DFL && sig_default_ignored(sig));
}

/* Post sig to p and wake it if it sleeps interruptibly. A signal whose
 * disposition is "ignore" is dropped at once, as Linux does. */
int send_sig(int sig, struct task_struct *p)
{
	unsigned long flags;

	if (sig < 1 || sig >= _NSIG)
		return -EINVAL;
	if (p->state == EXIT_ZOMBIE || p->state == EXIT_DEAD || (p->flags & PF_KTHREAD))
		return 0;
	/* init gets only the signals it has handlers for */
	if (p->pid == 1 && p->sighand[sig].handler == SIG_DFL)
		return 0;
	if (sig_ignored(p, sig))
		return 0;
	local_irq_save(flags);
	p->pending |= sigmask(sig);
	if (p->state == TASK_INTERRUPTIBLE || (sig == SIGKILL && p->state != TASK_RUNNING))
		wake_up_process(p);
	local_irq_restore(flags);
	return 0;
}

/* A synchronous signal from a fault: it cannot be blocked or ignored, or
 * the faulting instruction would run again forever. */
void force_sig(int sig)
{
	struct task_struct *t = current;
	if (t->sighand[sig].handler == SIG_IGN || (t->blocked & sigmask(sig))) {
		t->sighand[sig].handler = SIG_DFL;
		t->blocked &= ~sigmask(sig);
	}
	t->pending |= sigmask(sig);
}

bool signal_pending(struct task_struct *p)
{
	return p->pending & (~p->blocked | UNBLOCKABLE);
}

bool fatal_signal_pending(struct task_struct *p)
{
	return p->pending & sigmask(SIGKILL);
}

int kill_pgrp(pid_t pgrp, int sig)
{
	struct task_struct *p;
	int found = 0;

	preempt_disable();		/* task_list's lock (find_task_by_pid) */
	list_for_each_entry(p, &task_list, tasks) {
		if (p->pgrp == pgrp && p->pid > 0 && !(p->flags & PF_KTHREAD)) {
			send_sig(sig, p);
			found = 1;
		}
	}
	preempt_enable();
	return found ? 0 : -ESRCH;
}

long sys_kill(pid_t pid, int sig)
{
	struct task_struct *p;
	int ret = -ESRCH;

	if (sig < 0 || sig >= _NSIG)
		return -EINVAL;
	preempt_disable();		/* task_list's lock (find_task_by_pid) */
	if (pid > 0) {
		p = find_task_by_pid(pid);
		if (p && !(p->flags & PF_KTHREAD) && p->state != EXIT_DEAD)
			ret = sig ? send_sig(sig, p) : 0;
		preempt_enable();
		return ret;
	}
	list_for_each_entry(p, &task_list, tasks) {
		if (p->pid <= 1 || (p->flags & PF_KTHREAD) || p->state == EXIT_DEAD)
			continue;
		if (pid == -1 ? p == current : p->pgrp != (pid == 0 ? current->pgrp : -pid))
			continue;
		ret = 0;
		if (sig)
			send_sig(sig, p);
	}
	preempt_enable();
	return ret;
}

long sys_tkill(pid_t pid, int sig)
{
	return pid <= 0 ? -EINVAL : sys_kill(pid, sig);
}

long sys_rt_sigaction(int sig, const struct k_sigaction __user *act,
		      struct k_sigaction __user *oact, size_t sigsetsize)
{
	struct k_sigaction new;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	/* as Linux: the action is read before the signal number is checked */
	if (act && copy_from_user(&new, act, sizeof(new)))
		return -EFAULT;
	if (sig < 1 || sig >= _NSIG || ((sig == SIGKILL || sig == SIGSTOP) && act))
		return -EINVAL;
	if (oact && copy_to_user(oact, &current->sighand[sig], sizeof(new)))
		return -EFAULT;
	if (act) {
		new.mask &= ~UNBLOCKABLE;
		current->sighand[sig] = new;
		if (sig_ignored(current, sig))
			current->pending &= ~sigmask(sig);
	}
	return 0;
}

long sys_rt_sigprocmask(int how, unsigned long __user *set, unsigned long __user *oset,
			size_t sigsetsize)
{
	sigset_t new, old = current->blocked;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (set) {
		if (copy_from_user(&new, set, sizeof(new)))
			return -EFAULT;
		switch (how) {
		case SIG_BLOCK: new = old | new; break;
		case SIG_UNBLOCK: new = old & ~new; break;
		case SIG_SETMASK: break;
		default: return -EINVAL;
		}
	}
	if (oset && copy_to_user(oset, &old, sizeof(old)))
		return -EFAULT;
	if (set)
		current->blocked = new & ~UNBLOCKABLE;
	return 0;
}

long sys_sigaltstack(const void __user *uss, void __user *uoss)
{
	struct { unsigned long sp; int flags; unsigned long size; } ss, old = {
		current->sas_ss_sp, current->sas_ss_size ? 0 : SS_DISABLE, current->sas_ss_size };

	if (uss) {
		if (copy_from_user(&ss, uss, sizeof(ss)))
			return -EFAULT;
		if (ss.flags & ~SS_DISABLE)
			return -EINVAL;
		if (ss.flags & SS_DISABLE) {
			current->sas_ss_sp = current->sas_ss_size = 0;
		} else {
			if (ss.size < 2048)
				return -ENOMEM;
			current->sas_ss_sp = ss.sp;
			current->sas_ss_size = ss.size;
		}
	}
	if (uoss && copy_to_user(uoss, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

long sys_pause(void)
{
	while (!signal_pending(current)) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!signal_pending(current))
			schedule();
		set_current_state(TASK_RUNNING);
	}
	return -EINTR;
}

/* Linux's x86-64 signal frame (arch/x86/include/uapi/asm/sigcontext.h). */
struct sigcontext_64 {
	u64 r8, r9, r10, r11, r12, r13, r14, r15;
	u64 di, si, bp, bx, dx, ax, cx, sp, ip, flags;
	u16 cs, gs, fs, ss;
	u64 err, trapno, oldmask, cr2, fpstate;
	u64 reserved1[8];
};

struct ucontext {
	unsigned long uc_flags;
	struct ucontext *uc_link;
	struct { unsigned long sp; int flags; unsigned long size; } uc_stack;
	struct sigcontext_64 uc_mcontext;
	sigset_t uc_sigmask;
};

struct rt_sigframe {
	unsigned long pretcode;		/* sa_restorer: calls rt_sigreturn */
	struct ucontext uc;
	u8 info[128];			/* siginfo_t */
};

/* Enter the handler for sig: save the interrupted state in a frame on the
 * user stack (with the FPU state after it) and point the registers at the
 * handler. */
static bool setup_rt_frame(int sig, struct k_sigaction *ka, struct pt_regs *regs)
{
	unsigned long sp = regs->rsp - 128;		/* skip the red zone */
	struct rt_sigframe frame;

	if ((ka->flags & SA_ONSTACK) && current->sas_ss_size &&
	    !(sp >= current->sas_ss_sp && sp < current->sas_ss_sp + current->sas_ss_size))
		sp = current->sas_ss_sp + current->sas_ss_size;
	unsigned long fpstate = ALIGN_DOWN(sp - 512, 64);
	sp = ALIGN_DOWN(fpstate - sizeof(frame), 16) - 8;

	memset(&frame, 0, sizeof(frame));
	frame.pretcode = (unsigned long)ka->restorer;
	struct sigcontext_64 *sc = &frame.uc.uc_mcontext;
	sc->r8 = regs->r8; sc->r9 = regs->r9; sc->r10 = regs->r10; sc->r11 = regs->r11;
	sc->r12 = regs->r12; sc->r13 = regs->r13; sc->r14 = regs->r14; sc->r15 = regs->r15;
	sc->di = regs->rdi; sc->si = regs->rsi; sc->bp = regs->rbp; sc->bx = regs->rbx;
	sc->dx = regs->rdx; sc->ax = regs->rax; sc->cx = regs->rcx; sc->sp = regs->rsp;
	sc->ip = regs->rip; sc->flags = regs->rflags; sc->cs = regs->cs; sc->ss = regs->ss;
	sc->fpstate = fpstate;
	frame.uc.uc_sigmask = current->blocked;
	*(int *)frame.info = sig;			/* si_signo */

	__asm__ volatile("fxsave %0" : "=m"(current->fpu_state));
	if (copy_to_user((void __user *)fpstate, current->fpu_state, 512) ||
	    copy_to_user((void __user *)sp, &frame, sizeof(frame)))
		return false;

	regs->rdi = sig;
	regs->rsi = sp + offsetof(struct rt_sigframe, info);
	regs->rdx = sp + offsetof(struct rt_sigframe, uc);
	regs->rax = 0;
	regs->rsp = sp;
	regs->rip = (unsigned long)ka->handler;
	regs->cs = __USER_CS;
	regs->ss = __USER_DS;
	regs->rflags &= ~(BIT(8) | BIT(10));		/* TF, DF */
	current->blocked |= ka->mask;
	if (!(ka->flags & SA_NODEFER))
		current->blocked |= sigmask(sig);
	current->blocked &= ~UNBLOCKABLE;
	if (ka->flags & SA_RESETHAND)
		ka->handler = SIG_DFL;
	return true;
}

long sys_rt_sigreturn(void)
{
	struct pt_regs *regs = current_pt_regs();
	struct rt_sigframe frame;
	unsigned long sp = regs->rsp - 8;

	if (copy_from_user(&frame, (void __user *)sp, sizeof(frame))) {
		force_sig(SIGSEGV);
		return 0;
	}
	struct sigcontext_64 *sc = &frame.uc.uc_mcontext;
	regs->r8 = sc->r8; regs->r9 = sc->r9; regs->r10 = sc->r10; regs->r11 = sc->r11;
	regs->r12 = sc->r12; regs->r13 = sc->r13; regs->r14 = sc->r14; regs->r15 = sc->r15;
	regs->rdi = sc->di; regs->rsi = sc->si; regs->rbp = sc->bp; regs->rbx = sc->bx;
	regs->rdx = sc->dx; regs->rax = sc->ax; regs->rcx = sc->cx; regs->rsp = sc->sp;
	regs->rip = sc->ip;
	/* user-changeable flags only; never IOPL, always interrupts on */
	regs->rflags = (regs->rflags & ~0x40dd5UL) | (sc->flags & 0x40dd5UL) | X86_EFLAGS_IF;
	regs->cs = __USER_CS;
	regs->ss = __USER_DS;
	current->blocked = frame.uc.uc_sigmask & ~UNBLOCKABLE;
	if (sc->fpstate) {
		u8 fp[512] __aligned(16);
		if (!copy_from_user(fp, (void __user *)sc->fpstate, 512)) {
			((u32 *)fp)[6] &= 0xffff;	/* MXCSR: no reserved bits (#GP) */
			memcpy(current->fpu_state, fp, 512);
			__asm__ volatile("fxrstor %0" :: "m"(current->fpu_state));
		}
	}
	return regs->rax;
}

/* Deliver pending signals before returning to user mode (regs is the
 * user state). A terminating signal ends the process here. */
void do_signal(struct pt_regs *regs)
{
	while (signal_pending(current)) {
		sigset_t ready = current->pending & (~current->blocked | UNBLOCKABLE);
		int sig = __builtin_ctzl(ready) + 1;
		struct k_sigaction *ka = &current->sighand[sig];

		current->pending &= ~sigmask(sig);
		if (sig != SIGKILL && ka->handler == SIG_IGN)
			continue;
		if (sig == SIGKILL || ka->handler == SIG_DFL) {
			if (sig_default_ignored(sig))
				continue;
			do_exit(sig);		/* wait4 status: killed by sig */
		}
		if (!(ka->flags & SA_RESTORER) || !setup_rt_frame(sig, ka, regs))
			do_exit(SIGSEGV);
		return;
	}
}

/* The last stop before user mode (entry.S, interrupts off): reschedule if
 * asked to, deliver signals. Returning to kernel code, preempt it if the
 * tick asked and it holds no lock. */
void prepare_exit(struct pt_regs *regs)
{
	if (!user_mode(regs)) {
		if (need_resched && preempt_count == 0 && (regs->rflags & X86_EFLAGS_IF)) {
			local_irq_enable();
			preempt_schedule_irq();
			local_irq_disable();
		}
		return;
	}
	for (;;) {
		if (need_resched) {
			local_irq_enable();
			preempt_schedule_irq();
			local_irq_disable();
			continue;
		}
		if (signal_pending(current)) {
			local_irq_enable();
			do_signal(regs);
			local_irq_disable();
			continue;
		}
		break;
	}
}
