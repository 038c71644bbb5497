/* procfs: /proc. Its fixed files (meminfo, vmstat, sys/vm/...) are made
 * with proc_create by the code that knows their contents; this file adds
 * uptime, mounts and filesystems. /proc/PID/ exists for every task, made
 * on lookup (no inode stays behind), with the files registered by
 * proc_pid_register (status and stat here; maps, smaps, pagemap by mm/).
 * /proc/self is /proc/PID of the task that looks. */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/sched.h>
#include <linux/time.h>
#include "internal.h"

#define PROC_PID_POS	0x10000		/* readdir position of pid p: PROC_PID_POS + p */
#define PROC_PID_INO(pid) (0x40000000UL + ((unsigned long)(pid) << 6))
#define MAX_PID_ENTRIES	32
#define USER_HZ		100		/* the clock ticks of /proc/PID/stat */

static struct inode *proc_root;

struct proc_pid_entry {
	const char *name;
	umode_t mode;
	const struct pseudo_file_ops *ops;
};
static struct proc_pid_entry pid_entries[MAX_PID_ENTRIES];
static int nr_pid_entries;

void (*proc_status_mm_hook)(struct seq_file *m, struct task_struct *task);

/* Make the pseudo file /proc/path (see linux/fs.h). */
struct inode *proc_create(const char *path, umode_t mode,
			  const struct pseudo_file_ops *ops, void *data)
{
	if (!proc_root)
		vfs_init();
	return pseudo_create(proc_root, path, mode, ops, data);
}

/* name will appear in every /proc/PID/ directory. Call it at boot. */
void proc_pid_register(const char *name, umode_t mode, const struct pseudo_file_ops *ops)
{
	if (nr_pid_entries == MAX_PID_ENTRIES) {
		pr_err("proc_pid_register: no room for %s\n", name);
		return;
	}
	pid_entries[nr_pid_entries++] = (struct proc_pid_entry){ name, mode, ops };
}

/* --- /proc/PID/ --- */

static const struct inode_operations proc_pid_dir_inode_operations;

/* A /proc/PID directory inode for task (one reference, in no directory). */
static struct inode *proc_pid_dir(struct task_struct *task)
{
	struct inode *inode = pseudo_new_inode(0555, NULL, NULL, task);

	if (!inode)
		return NULL;
	inode->i_mode = S_IFDIR | 0555;
	inode->i_op = &proc_pid_dir_inode_operations;
	inode->i_fop = &proc_pid_dir_operations;
	inode->i_ino = PROC_PID_INO(task->pid);
	snprintf(inode->i_name, sizeof(inode->i_name), "%d", task->pid);
	ihold(proc_root);
	inode->i_parent = proc_root;
	return inode;
}

/* A file of /proc/PID: an inode made for this lookup, or NULL if the task
 * is gone or there is no such name. */
static struct inode *proc_pid_lookup(struct inode *dir, const char *name)
{
	struct task_struct *task;
	struct inode *inode;
	bool gone;

	task = pseudo_get_task(dir->i_private, &gone);
	if (gone)
		return NULL;
	for (int i = 0; i < nr_pid_entries; i++) {
		if (strcmp(pid_entries[i].name, name))
			continue;
		inode = pseudo_new_inode(pid_entries[i].mode, pid_entries[i].ops, NULL, task);
		pseudo_put_task(task);
		if (!inode)
			return NULL;
		inode->i_ino = dir->i_ino + 1 + i;
		strlcpy(inode->i_name, name, sizeof(inode->i_name));
		ihold(dir);
		inode->i_parent = dir;
		return inode;
	}
	pseudo_put_task(task);
	return NULL;
}

/* ".", "..", then the registered names, at positions 2, 3, ... */
static int proc_pid_readdir(struct file *f, struct dir_context *ctx)
{
	if (!dir_emit_dots(f, ctx))
		return 0;
	while (ctx->pos - 2 < nr_pid_entries) {
		const struct proc_pid_entry *e = &pid_entries[ctx->pos - 2];
		if (!dir_emit(ctx, e->name, f->f_inode->i_ino + ctx->pos - 1, dt_type(S_IFREG)))
			break;
	}
	return 0;
}

static const struct inode_operations proc_pid_dir_inode_operations = {
	.lookup = proc_pid_lookup,
};

const struct file_operations proc_pid_dir_operations = {
	.iterate = proc_pid_readdir,
	.llseek = generic_file_llseek,
};

/* --- /proc itself --- */

/* The fixed entries, then "self", then a number for each task. */
static struct inode *proc_root_lookup(struct inode *dir, const char *name)
{
	struct inode *inode = tree_find(dir, name);
	struct task_struct *task;
	unsigned long pid;

	if (inode)
		return inode;
	if (!strcmp(name, "self"))
		return proc_pid_dir(current);
	if (kstrtoul(name, 10, &pid) || pid == 0 || pid >= 0x7fffffff)
		return NULL;
	task = find_get_task_by_pid(pid);	/* making the inode may sleep */
	if (!task)
		return NULL;
	inode = proc_pid_dir(task);
	put_task_struct(task);
	return inode;
}

/* The smallest pid >= from of a task that has not been reaped; 0 if none. */
static pid_t next_pid(pid_t from)
{
	struct task_struct *t;
	pid_t best = 0;

	preempt_disable();
	list_for_each_entry(t, &task_list, tasks)
		if (t->pid >= from && t->pid > 0 && t->state != EXIT_DEAD && (!best || t->pid < best))
			best = t->pid;
	preempt_enable();
	return best;
}

/* ".", "..", the fixed entries, "self", then every pid in increasing
 * order, pid p at position PROC_PID_POS + p (so a listing resumes at the
 * right pid even when tasks come and go in between). */
static int proc_root_readdir(struct file *f, struct dir_context *ctx)
{
	char name[16];

	if (!dir_emit_dots(f, ctx) || !dir_emit_children(f->f_inode, ctx))
		return 0;
	if (ctx->pos < PROC_PID_POS) {
		if (!dir_emit(ctx, "self", PROC_PID_INO(0), DT_LNK))
			return 0;
		ctx->pos = PROC_PID_POS;
	}
	for (pid_t pid = next_pid(ctx->pos - PROC_PID_POS); pid; pid = next_pid(pid + 1)) {
		ctx->pos = PROC_PID_POS + pid;
		snprintf(name, sizeof(name), "%d", pid);
		if (!dir_emit(ctx, name, PROC_PID_INO(pid), dt_type(S_IFDIR)))
			return 0;
	}
	return 0;
}

static const struct inode_operations proc_root_inode_operations = {
	.lookup = proc_root_lookup,
};

static const struct file_operations proc_root_operations = {
	.iterate = proc_root_readdir,
	.llseek = generic_file_llseek,
};

/* readlink of /proc/self: the pid of the caller. Anything else: -EINVAL. */
int proc_readlink(struct inode *dir, const char *name, char *buf, size_t size)
{
	if (dir != proc_root || strcmp(name, "self"))
		return -EINVAL;
	return scnprintf(buf, size, "%d", current->pid);
}

/* --- the generic files --- */

static const char *task_state(struct task_struct *t)
{
	switch (t->state) {
	case TASK_RUNNING:		return "R (running)";
	case TASK_INTERRUPTIBLE:	return "S (sleeping)";
	case TASK_UNINTERRUPTIBLE:	return "D (disk sleep)";
	case TASK_STOPPED:		return "T (stopped)";
	case EXIT_ZOMBIE:		return "Z (zombie)";
	default:			return "X (dead)";
	}
}

static pid_t task_ppid(struct task_struct *t)
{
	return t->parent ? t->parent->pid : 0;
}

/* Signals whose handler is SIG_IGN (ign true) or a function (ign false). */
static unsigned long sig_handled(struct task_struct *t, bool ign)
{
	unsigned long mask = 0;

	for (int sig = 1; sig < _NSIG; sig++) {
		void *h = t->sighand[sig].handler;
		if (ign ? h == SIG_IGN : (h != SIG_IGN && h != SIG_DFL))
			mask |= sigmask(sig);
	}
	return mask;
}

/* /proc/PID/status, in Linux's format; mm/ adds the Vm lines by the hook. */
static int proc_pid_status(struct seq_file *m, struct task_struct *t, void *data)
{
	seq_printf(m, "Name:\t%s\nUmask:\t%04o\nState:\t%s\n", t->comm, current_umask, task_state(t));
	seq_printf(m, "Tgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\nTracerPid:\t0\n",
		   t->tgid, t->pid, task_ppid(t));
	seq_puts(m, "Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nFDSize:\t256\nGroups:\t\n");
	seq_printf(m, "NStgid:\t%d\nNSpid:\t%d\nNSpgid:\t%d\nNSsid:\t%d\n",
		   t->tgid, t->pid, t->pgrp, t->session);
	seq_printf(m, "Threads:\t1\nSigPnd:\t%016lx\nShdPnd:\t0000000000000000\n", t->pending);
	seq_printf(m, "SigBlk:\t%016lx\nSigIgn:\t%016lx\nSigCgt:\t%016lx\n",
		   t->blocked, sig_handled(t, true), sig_handled(t, false));
	if (proc_status_mm_hook)
		proc_status_mm_hook(m, t);
	return 0;
}

/* /proc/PID/comm: the task's name; a write renames it (the first 15 bytes,
 * up to a newline), as prctl(PR_SET_NAME) does. */
static int proc_pid_comm_show(struct seq_file *m, struct task_struct *t, void *data)
{
	return seq_printf(m, "%s\n", t->comm);
}

static int proc_pid_comm_store(struct task_struct *t, void *data, const char *buf, size_t len)
{
	size_t n = 0;

	while (n < len && n < TASK_COMM_LEN - 1 && buf[n] != '\n')
		n++;
	memcpy(t->comm, buf, n);
	t->comm[n] = 0;
	return 0;
}

/* /proc/PID/stat: Linux's 52 fields; those this kernel does not keep are 0. */
static int proc_pid_stat(struct seq_file *m, struct task_struct *t, void *data)
{
	unsigned long to_clock = HZ / USER_HZ;

	seq_printf(m, "%d (%s) %c %d %d %d 0 -1 %u 0 0 0 0 %lu %lu 0 0 20 0 1 0 %lu",
		   t->pid, t->comm, task_state(t)[0], task_ppid(t), t->pgrp, t->session,
		   t->flags, t->utime_ticks / to_clock, t->stime_ticks / to_clock,
		   (unsigned long)(t->start_time / (NSEC_PER_SEC / USER_HZ)));
	seq_puts(m, " 0 0 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17");	/* 23-38 */
	seq_puts(m, " 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n");				/* 39-52 */
	return 0;
}

static int proc_uptime_show(struct seq_file *m, struct task_struct *t, void *data)
{
	u64 cs = ktime_get_ns() / (NSEC_PER_SEC / 100);

	seq_printf(m, "%lu.%02lu 0.00\n", (unsigned long)(cs / 100), (unsigned long)(cs % 100));
	return 0;
}

static int proc_mounts_show(struct seq_file *m, struct task_struct *t, void *data)
{
	seq_puts(m, "rootfs / rootfs rw 0 0\n");
	seq_puts(m, "proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0\n");
	seq_puts(m, "sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0\n");
	seq_puts(m, "devtmpfs /dev devtmpfs rw,nosuid 0 0\n");
	return 0;
}

static int proc_filesystems_show(struct seq_file *m, struct task_struct *t, void *data)
{
	static const char *const names[] = {
		"sysfs", "tmpfs", "proc", "devtmpfs", "debugfs", "tracefs", "ramfs", "rootfs",
	};

	for (unsigned i = 0; i < ARRAY_SIZE(names); i++)
		seq_printf(m, "nodev\t%s\n", names[i]);
	return 0;
}

static const struct pseudo_file_ops status_ops = { .show = proc_pid_status };
static const struct pseudo_file_ops stat_ops = { .show = proc_pid_stat };
static const struct pseudo_file_ops comm_ops = { .show = proc_pid_comm_show, .store = proc_pid_comm_store };
static const struct pseudo_file_ops uptime_ops = { .show = proc_uptime_show };
static const struct pseudo_file_ops mounts_ops = { .show = proc_mounts_show };
static const struct pseudo_file_ops filesystems_ops = { .show = proc_filesystems_show };

/* Make /proc (under "/", which vfs_init made) and its generic files. */
void proc_init(void)
{
	proc_root = new_inode(S_IFDIR | 0555, &proc_root_inode_operations, &proc_root_operations);
	if (!proc_root)
		panic("proc_init: out of memory");
	mutex_lock(&tree_mutex);
	tree_link(root_inode, proc_root, "proc");
	mutex_unlock(&tree_mutex);
	proc_create("uptime", 0444, &uptime_ops, NULL);
	proc_create("mounts", 0444, &mounts_ops, NULL);
	proc_create("filesystems", 0444, &filesystems_ops, NULL);
	proc_pid_register("status", 0444, &status_ops);
	proc_pid_register("stat", 0444, &stat_ops);
	proc_pid_register("comm", 0644, &comm_ops);
}
