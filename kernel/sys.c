/* Small system calls: identity (pids, process groups, uid 0), time and
 * sleeping, uname, prctl (THP disable), reboot, limits, randomness. */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/mm.h>
#include <linux/errno.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <asm/processor.h>

#define PR_SET_NAME		15
#define PR_GET_NAME		16
#define PR_SET_THP_DISABLE	41
#define PR_GET_THP_DISABLE	42

struct timespec {
	long tv_sec;
	long tv_nsec;
};

struct utsname {
	char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65];
};

long sys_getpid(void) { return current->tgid; }
long sys_gettid(void) { return current->pid; }
long sys_getuid(void) { return 0; }

long sys_getppid(void)
{
	return current->parent && current->parent != &init_task ? current->parent->tgid : 0;
}

long sys_getpgrp(void) { return current->pgrp; }

long sys_getpgid(pid_t pid)
{
	struct task_struct *p;
	long ret;

	preempt_disable();		/* task_list's lock (find_task_by_pid) */
	p = pid ? find_task_by_pid(pid) : current;
	ret = p ? p->pgrp : -ESRCH;
	preempt_enable();
	return ret;
}

long sys_setpgid(pid_t pid, pid_t pgid)
{
	struct task_struct *p;
	long ret = -ESRCH;

	if (pgid < 0)
		return -EINVAL;
	preempt_disable();		/* task_list's lock (find_task_by_pid) */
	p = pid ? find_task_by_pid(pid) : current;
	if (p && (p == current || p->parent == current)) {
		p->pgrp = pgid ? pgid : p->pid;
		ret = 0;
	}
	preempt_enable();
	return ret;
}

long sys_setsid(void)
{
	if (current->pgrp == current->pid)
		return -EPERM;
	current->session = current->pgrp = current->pid;
	return current->pid;
}

long sys_sched_yield(void)
{
	yield();
	return 0;
}

static u64 clock_ns(int which, bool *ok)
{
	*ok = true;
	switch (which) {
	case 0: case 5: case 11:		/* REALTIME, REALTIME_COARSE, TAI */
		return ktime_get_real_ns();
	case 1: case 4: case 6: case 7:		/* MONOTONIC, _RAW, _COARSE, BOOTTIME */
		return ktime_get_ns();
	case 2: case 3:				/* process / thread CPU time */
		return current->stime_ticks * (NSEC_PER_SEC / HZ);
	}
	*ok = false;
	return 0;
}

long sys_clock_gettime(int which, struct timespec __user *tp)
{
	bool ok;
	u64 ns = clock_ns(which, &ok);
	struct timespec ts = { ns / NSEC_PER_SEC, ns % NSEC_PER_SEC };

	if (!ok)
		return -EINVAL;
	return copy_to_user(tp, &ts, sizeof(ts)) ? -EFAULT : 0;
}

long sys_clock_getres(int which, struct timespec __user *tp)
{
	bool ok;
	struct timespec ts = { 0, 1 };

	clock_ns(which, &ok);
	if (!ok)
		return -EINVAL;
	if (which == 5 || which == 6)
		ts.tv_nsec = NSEC_PER_SEC / HZ;
	return tp && copy_to_user(tp, &ts, sizeof(ts)) ? -EFAULT : 0;
}

long sys_gettimeofday(void __user *tv, void __user *tz)
{
	u64 ns = ktime_get_real_ns();
	long v[2] = { ns / NSEC_PER_SEC, (ns % NSEC_PER_SEC) / 1000 };
	if (tv && copy_to_user(tv, v, sizeof(v)))
		return -EFAULT;
	if (tz && clear_user(tz, 8))
		return -EFAULT;
	return 0;
}

/* Sleep until the clock reaches deadline_ns (interruptible by signals).
 * Returns 0, or -EINTR with the time left in *left_ns. */
static long sleep_until(int which, u64 deadline_ns, u64 *left_ns)
{
	bool ok;
	for (;;) {
		u64 now = clock_ns(which, &ok);
		if (now >= deadline_ns)
			return 0;
		if (signal_pending(current)) {
			*left_ns = deadline_ns - now;
			return -EINTR;
		}
		u64 ns = deadline_ns - now;
		/* +1: the current tick is already partly over */
		schedule_timeout_interruptible(DIV_ROUND_UP(ns, NSEC_PER_SEC / HZ) + 1);
	}
}

static long do_nanosleep(int which, int flags, const struct timespec __user *rqtp,
			 struct timespec __user *rmtp)
{
	struct timespec ts;
	bool ok;
	u64 left = 0;

	if (copy_from_user(&ts, rqtp, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (long)NSEC_PER_SEC)
		return -EINVAL;
	u64 now = clock_ns(which, &ok);
	if (!ok || which == 2 || which == 3)
		return -EINVAL;
	u64 req = (u64)ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
	u64 deadline = (flags & 1) ? req : now + req;	/* TIMER_ABSTIME */
	long ret = sleep_until(which, deadline, &left);
	if (ret == -EINTR && rmtp && !(flags & 1)) {
		struct timespec rem = { left / NSEC_PER_SEC, left % NSEC_PER_SEC };
		if (copy_to_user(rmtp, &rem, sizeof(rem)))
			return -EFAULT;
	}
	return ret;
}

long sys_nanosleep(struct timespec __user *rqtp, struct timespec __user *rmtp)
{
	return do_nanosleep(1, 0, rqtp, rmtp);
}

long sys_clock_nanosleep(int which, int flags, const struct timespec __user *rqtp,
			 struct timespec __user *rmtp)
{
	return do_nanosleep(which, flags, rqtp, rmtp);
}

long sys_uname(struct utsname __user *name)
{
	static const struct utsname u = {
		.sysname = "Linux",
		.nodename = "thpkernel",
		.release = "6.1.0-thpkernel",
		.version = "#1 SMP PREEMPT thpkernel",
		.machine = "x86_64",
		.domainname = "(none)",
	};
	return copy_to_user(name, &u, sizeof(u)) ? -EFAULT : 0;
}

long sys_set_tid_address(int __user *tidptr)
{
	current->clear_child_tid = tidptr;
	return current->pid;
}

/* prctl: PR_SET_THP_DISABLE turns THP off for the whole process (kept
 * across fork and exec, as in Linux); PR_GET_THP_DISABLE reads it. */
long sys_prctl(int option, unsigned long arg2, unsigned long arg3,
	       unsigned long arg4, unsigned long arg5)
{
	struct mm_struct *mm = current->mm;

	switch (option) {
	case PR_SET_THP_DISABLE:
		if (arg3 || arg4 || arg5)
			return -EINVAL;
		mmap_write_lock(mm);
		if (arg2)
			set_bit(MMF_DISABLE_THP, &mm->flags);
		else
			clear_bit(MMF_DISABLE_THP, &mm->flags);
		mmap_write_unlock(mm);
		return 0;
	case PR_GET_THP_DISABLE:
		if (arg2 || arg3 || arg4 || arg5)
			return -EINVAL;
		return test_bit(MMF_DISABLE_THP, &mm->flags);
	case PR_SET_NAME: {
		char name[TASK_COMM_LEN];
		long n = strncpy_from_user(name, (const char __user *)arg2, sizeof(name));
		if (n == -EFAULT)
			return -EFAULT;
		name[sizeof(name) - 1] = 0;
		strlcpy(current->comm, name, sizeof(current->comm));
		return 0;
	}
	case PR_GET_NAME:
		return copy_to_user((void __user *)arg2, current->comm, TASK_COMM_LEN) ? -EFAULT : 0;
	}
	return -EINVAL;
}

#define LINUX_REBOOT_MAGIC1	0xfee1dead
#define LINUX_REBOOT_MAGIC2	672274793
#define LINUX_REBOOT_CMD_RESTART	0x01234567
#define LINUX_REBOOT_CMD_HALT		0xCDEF0123
#define LINUX_REBOOT_CMD_POWER_OFF	0x4321FEDC
#define LINUX_REBOOT_CMD_CAD_ON		0x89ABCDEF
#define LINUX_REBOOT_CMD_CAD_OFF	0x00000000

long sys_reboot(int magic1, int magic2, unsigned int cmd, void __user *arg)
{
	if ((unsigned int)magic1 != LINUX_REBOOT_MAGIC1 ||
	    (magic2 != LINUX_REBOOT_MAGIC2 && magic2 != 85072278 && magic2 != 369367448 &&
	     magic2 != 537993216))
		return -EINVAL;
	switch (cmd) {
	case LINUX_REBOOT_CMD_POWER_OFF:
	case LINUX_REBOOT_CMD_HALT:
	case LINUX_REBOOT_CMD_RESTART:
		printk("reboot: Power down\n");
		kernel_poweroff(0);
	case LINUX_REBOOT_CMD_CAD_ON:
	case LINUX_REBOOT_CMD_CAD_OFF:
		return 0;
	}
	return -EINVAL;
}

struct rlimit { unsigned long cur, max; };
#define RLIM_INFINITY (~0UL)
#define RLIMIT_STACK 3
#define RLIMIT_NOFILE 7
#define RLIM_NLIMITS 16

static struct rlimit rlimit_of(unsigned int resource)
{
	if (resource == RLIMIT_STACK)
		return (struct rlimit){ STACK_LIMIT, RLIM_INFINITY };
	if (resource == RLIMIT_NOFILE)
		return (struct rlimit){ 256, 256 };
	return (struct rlimit){ RLIM_INFINITY, RLIM_INFINITY };
}

long sys_getrlimit(unsigned int resource, void __user *rlim)
{
	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	struct rlimit r = rlimit_of(resource);
	return copy_to_user(rlim, &r, sizeof(r)) ? -EFAULT : 0;
}

long sys_prlimit64(pid_t pid, unsigned int resource, const void __user *new_rlim,
		   void __user *old_rlim)
{
	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (pid && !find_task_by_pid(pid))
		return -ESRCH;
	if (new_rlim) {
		struct rlimit r;
		if (copy_from_user(&r, new_rlim, sizeof(r)))
			return -EFAULT;
		if (r.cur > r.max)
			return -EINVAL;
		/* accepted, but the limits here are fixed */
	}
	if (old_rlim) {
		struct rlimit r = rlimit_of(resource);
		if (copy_to_user(old_rlim, &r, sizeof(r)))
			return -EFAULT;
	}
	return 0;
}

static u64 prng_state;

/* xorshift64*, seeded from the TSC: good enough for AT_RANDOM and getrandom
 * in a teaching kernel (not cryptographic). */
u64 get_random_u64(void)
{
	if (!prng_state)
		prng_state = rdtsc() | 1;
	prng_state ^= prng_state >> 12;
	prng_state ^= prng_state << 25;
	prng_state ^= prng_state >> 27;
	return prng_state * 0x2545F4914F6CDD1DUL;
}

long sys_getrandom(char __user *buf, size_t count, unsigned int flags)
{
	if (flags & ~7U)
		return -EINVAL;
	if (count > 33554431)
		count = 33554431;
	for (size_t done = 0; done < count; done += 8) {
		u64 r = get_random_u64();
		if (copy_to_user(buf + done, &r, min(count - done, 8UL)))
			return -EFAULT;
	}
	return count;
}

long sys_sysinfo(void __user *info)
{
	struct {
		long uptime;
		unsigned long loads[3], totalram, freeram, sharedram, bufferram, totalswap, freeswap;
		unsigned short procs, pad;
		unsigned long totalhigh, freehigh;
		unsigned int mem_unit;
		char _f[4];
	} si;
	struct task_struct *p;

	memset(&si, 0, sizeof(si));
	si.uptime = ktime_get_ns() / NSEC_PER_SEC;
	si.totalram = totalram_pages * PAGE_SIZE;
	si.freeram = nr_free_pages() * PAGE_SIZE;
	preempt_disable();		/* task_list's lock (find_task_by_pid) */
	list_for_each_entry(p, &task_list, tasks)
		si.procs++;
	preempt_enable();
	si.mem_unit = 1;
	return copy_to_user(info, &si, sizeof(si)) ? -EFAULT : 0;
}

