/* System calls: the Linux x86-64 numbers and their handlers, and the C
 * entry that dispatches them.
 *
 * User space executes "syscall" with the number in rax and up to six
 * arguments in rdi, rsi, rdx, r10, r8, r9. The CPU jumps to the address in
 * MSR_LSTAR (entry_SYSCALL_64 in entry.S), which saves the registers as a
 * struct pt_regs on the task's kernel stack and calls do_syscall_64(). The
 * handler's return value goes back in rax; errors are negative errno values
 * (musl turns them into -1 and errno). */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/errno.h>
#include <asm/ptrace.h>
#include <asm/processor.h>

typedef long (*syscall_fn_t)(unsigned long, unsigned long, unsigned long,
			     unsigned long, unsigned long, unsigned long);

struct syscall_entry {
	syscall_fn_t fn;
	const char *name;
};

/* Each handler takes its own argument types; the table calls them all with
 * six register-sized arguments, which the x86-64 calling convention makes
 * safe. Tell gcc we mean it. */
#pragma GCC diagnostic ignored "-Wcast-function-type"
#define SYSCALL(nr, func) [nr] = { (syscall_fn_t)sys_##func, #func }
#define NR_syscalls 335

static const struct syscall_entry sys_call_table[NR_syscalls] = {
	SYSCALL(0, read),
	SYSCALL(1, write),
	SYSCALL(2, open),
	SYSCALL(3, close),
	SYSCALL(4, stat),
	SYSCALL(5, fstat),
	SYSCALL(6, lstat),
	SYSCALL(7, poll),
	SYSCALL(8, lseek),
	SYSCALL(9, mmap),
	SYSCALL(10, mprotect),
	SYSCALL(11, munmap),
	SYSCALL(12, brk),
	SYSCALL(13, rt_sigaction),
	SYSCALL(14, rt_sigprocmask),
	SYSCALL(15, rt_sigreturn),
	SYSCALL(16, ioctl),
	SYSCALL(17, pread64),
	SYSCALL(19, readv),
	SYSCALL(20, writev),
	SYSCALL(21, access),
	SYSCALL(22, pipe),
	SYSCALL(24, sched_yield),
	SYSCALL(25, mremap),
	SYSCALL(27, mincore),
	SYSCALL(28, madvise),
	SYSCALL(32, dup),
	SYSCALL(33, dup2),
	SYSCALL(34, pause),
	SYSCALL(35, nanosleep),
	SYSCALL(39, getpid),
	SYSCALL(56, clone),
	SYSCALL(57, fork),
	SYSCALL(58, vfork),
	SYSCALL(59, execve),
	SYSCALL(60, exit),
	SYSCALL(61, wait4),
	SYSCALL(62, kill),
	SYSCALL(63, uname),
	SYSCALL(72, fcntl),
	SYSCALL(77, ftruncate),
	SYSCALL(79, getcwd),
	SYSCALL(80, chdir),
	SYSCALL(83, mkdir),
	SYSCALL(84, rmdir),
	SYSCALL(87, unlink),
	SYSCALL(89, readlink),
	SYSCALL(95, umask),
	SYSCALL(96, gettimeofday),
	SYSCALL(97, getrlimit),
	SYSCALL(99, sysinfo),
	SYSCALL(102, getuid),
	SYSCALL(104, getuid),		/* getgid */
	SYSCALL(107, getuid),		/* geteuid */
	SYSCALL(108, getuid),		/* getegid */
	SYSCALL(109, setpgid),
	SYSCALL(110, getppid),
	SYSCALL(111, getpgrp),
	SYSCALL(112, setsid),
	SYSCALL(121, getpgid),
	SYSCALL(131, sigaltstack),
	SYSCALL(149, mlock),
	SYSCALL(150, munlock),
	SYSCALL(151, mlockall),
	SYSCALL(152, munlockall),
	SYSCALL(157, prctl),
	SYSCALL(158, arch_prctl),
	SYSCALL(162, sync),
	SYSCALL(165, mount),
	SYSCALL(169, reboot),
	SYSCALL(186, gettid),
	SYSCALL(200, tkill),
	SYSCALL(204, sched_getaffinity),
	SYSCALL(217, getdents64),
	SYSCALL(218, set_tid_address),
	SYSCALL(228, clock_gettime),
	SYSCALL(229, clock_getres),
	SYSCALL(230, clock_nanosleep),
	SYSCALL(231, exit_group),
	SYSCALL(257, openat),
	SYSCALL(258, mkdirat),
	SYSCALL(262, newfstatat),
	SYSCALL(263, unlinkat),
	SYSCALL(269, faccessat),
	SYSCALL(292, dup3),
	SYSCALL(293, pipe2),
	SYSCALL(302, prlimit64),
	SYSCALL(318, getrandom),
	SYSCALL(325, mlock2),
};

/* Names of calls we do not implement, for the one-time log line. */
static const char *const missing_names[NR_syscalls] = {
	[18] = "pwrite64", [23] = "select", [26] = "msync", [27] = "mincore",
	[29] = "shmget", [30] = "shmat", [31] = "shmctl", [36] = "getitimer",
	[37] = "alarm", [38] = "setitimer", [40] = "sendfile", [41] = "socket",
	[42] = "connect", [73] = "flock", [74] = "fsync", [75] = "fdatasync",
	[76] = "truncate", [82] = "rename", [86] = "link",
	[88] = "symlink", [90] = "chmod", [91] = "fchmod", [92] = "chown",
	[98] = "getrusage", [100] = "times", [101] = "ptrace", [105] = "setuid",
	[106] = "setgid", [137] = "statfs", [138] = "fstatfs", [149] = "mlock",
	[151] = "mlockall", [160] = "setrlimit", [202] = "futex",
	[203] = "sched_setaffinity", [204] = "sched_getaffinity", [213] = "epoll_create",
	[78] = "getdents", [234] = "tgkill", [235] = "utimes", [247] = "waitid",
	[270] = "pselect6", [271] = "ppoll", [273] = "set_robust_list",
	[280] = "utimensat", [281] = "epoll_pwait", [283] = "timerfd_create",
	[284] = "eventfd", [290] = "eventfd2", [291] = "epoll_create1",
	[316] = "renameat2", [319] = "memfd_create", [332] = "statx",
	[334] = "rseq",
};

static unsigned long missing_logged[(NR_syscalls + 63) / 64];

static long sys_ni_syscall(unsigned long nr)
{
	if (nr < NR_syscalls && !(missing_logged[nr / 64] & BIT(nr % 64))) {
		missing_logged[nr / 64] |= BIT(nr % 64);
		printk(KERN_NOTICE "%s[%d]: unimplemented system call %lu (%s): -ENOSYS\n",
		       current->comm, current->pid, nr,
		       missing_names[nr] ? missing_names[nr] : "?");
	} else if (nr >= NR_syscalls) {
		printk(KERN_NOTICE "%s[%d]: unknown system call %lu: -ENOSYS\n",
		       current->comm, current->pid, nr);
	}
	return -ENOSYS;
}

/* Called from entry_SYSCALL_64 with interrupts on. */
void do_syscall_64(struct pt_regs *regs)
{
	unsigned long nr = regs->orig_rax;
	long ret;

	if (nr < NR_syscalls && sys_call_table[nr].fn)
		ret = sys_call_table[nr].fn(regs->rdi, regs->rsi, regs->rdx,
					    regs->r10, regs->r8, regs->r9);
	else
		ret = sys_ni_syscall(nr);
	/* rt_sigreturn restored every register itself, rax included */
	if (nr != 15)
		regs->rax = ret;
}

/* The syscall instruction's targets: kernel CS/SS from STAR[47:32], user
 * CS/SS for sysret from STAR[63:48] (+16 / +8); RFLAGS bits in SFMASK are
 * cleared on entry (interrupts off until the kernel stack is set up, and AC
 * so that SMAP is in force). */
void syscall_init(void)
{
	extern char entry_SYSCALL_64[];

	wrmsr(MSR_STAR, ((u64)(__USER_DS - 8 - 3) << 48) | ((u64)__KERNEL_CS << 32));
	wrmsr(MSR_LSTAR, (u64)entry_SYSCALL_64);
	wrmsr(MSR_SYSCALL_MASK, X86_EFLAGS_IF | X86_EFLAGS_AC | BIT(8) /* TF */ | BIT(10) /* DF */);
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
}
