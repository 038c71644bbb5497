/* Ending processes: do_exit releases the address space and files, hands the
 * children to init, and leaves a zombie whose exit status the parent
 * collects with wait4 (which then frees it). */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/errno.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/init.h>
#include <asm/processor.h>

#define WNOHANG		0x00000001
#define WUNTRACED	0x00000002
#define WCONTINUED	0x00000008
#define __WALL		0x40000000
#define __WCLONE	0x80000000


/* Give up the address space: switch to the kernel's page table first. */
static void exit_mm(struct task_struct *t)
{
	struct mm_struct *mm = t->mm;

	if (!mm)
		return;
	mm_release_vfork(t);
	if (t->clear_child_tid) {
		put_user(0, t->clear_child_tid);
		t->clear_child_tid = NULL;
	}
	unsigned long flags;
	local_irq_save(flags);
	t->mm = NULL;
	t->active_mm = &init_mm;
	write_cr3(__pa(init_mm.pgd));
	local_irq_restore(flags);
	mmput(mm);
}

/* Children of an exiting task go to init (pid 1), which reaps them. */
static void forget_original_parent(struct task_struct *father)
{
	struct task_struct *reaper = find_task_by_pid(1), *p, *n;
	bool zombies = false;

	if (!reaper || reaper == father)
		reaper = &init_task;
	/* children lists change only with preemption off (one CPU): an exiting
	 * child that reaps itself unlinks itself meanwhile */
	preempt_disable();
	list_for_each_entry_safe(p, n, &father->children, sibling) {
		list_del(&p->sibling);
		p->parent = reaper;
		list_add_tail(&p->sibling, &reaper->children);
		if (p->state == EXIT_ZOMBIE)
			zombies = true;
	}
	preempt_enable();
	if (zombies)
		wake_up(&reaper->wait_chldexit);
}

/* Does the parent want to hear about this child's death, or is it reaped
 * at once (SIGCHLD ignored, or a kernel thread)? */
static bool autoreap(struct task_struct *t)
{
	struct task_struct *parent = t->parent;
	if (!parent || parent == &init_task)
		return true;
	return parent->sighand[SIGCHLD].handler == SIG_IGN ||
	       (parent->sighand[SIGCHLD].flags & 0x00000002 /* SA_NOCLDWAIT */);
}

/* The status word wait4 reports, as init's exit line shows it. */
static int status_to_exit_code(int status)
{
	return (status & 0x7f) ? 128 + (status & 0x7f) : (status >> 8) & 0xff;
}

void do_exit(int status)
{
	struct task_struct *t = current;

	t->flags |= PF_EXITING;
	if (t->pid == 1 && !(t->flags & PF_KTHREAD)) {
		printk("init exited: %d\n", status_to_exit_code(status));
		kernel_poweroff(status_to_exit_code(status));
	}
	exit_mm(t);
	if (t->files) {
		put_files_struct(t->files);
		t->files = NULL;
	}
	if (t->cwd) {
		iput(t->cwd);
		t->cwd = NULL;
	}
	mm_release_vfork(t);
	forget_original_parent(t);

	local_irq_disable();
	t->exit_code = status;
	if (autoreap(t)) {
		list_del(&t->sibling);
		t->state = EXIT_DEAD;	/* freed by the next task (finish_task_switch) */
	} else {
		t->state = EXIT_ZOMBIE;
		if (t->exit_signal && t->exit_signal != SIGCHLD)
			send_sig(t->exit_signal, t->parent);
		send_sig(SIGCHLD, t->parent);
		wake_up(&t->parent->wait_chldexit);
	}
	schedule();
	panic("do_exit: a dead task ran again");
}

long sys_exit(int error_code)
{
	do_exit((error_code & 0xff) << 8);
}

long sys_exit_group(int error_code)
{
	do_exit((error_code & 0xff) << 8);
}

static bool wait_matches(struct task_struct *p, pid_t pid)
{
	if (pid > 0)
		return p->pid == pid;
	if (pid == 0)
		return p->pgrp == current->pgrp;
	if (pid < -1)
		return p->pgrp == -pid;
	return true;
}

/* Free a reaped zombie (or leave it to the last holder of a reference). */
static void release_task(struct task_struct *p)
{
	preempt_disable();
	list_del(&p->sibling);
	list_del(&p->tasks);
	preempt_enable();
	put_task_struct(p);
}

/* Look for a child that matches: returns its pid (reaping it) if it is a
 * zombie, 0 if matching children live on, -ECHILD if there are none. */
static long wait_consider(pid_t pid, int __user *stat_addr, void __user *ru, bool *found)
{
	struct task_struct *p, *zombie = NULL;
	long ret;

	/* walk the children with preemption off: a child that exits and reaps
	 * itself (SIGCHLD ignored) unlinks itself from the list */
	*found = false;
	preempt_disable();
	list_for_each_entry(p, &current->children, sibling) {
		if (!wait_matches(p, pid))
			continue;
		*found = true;
		if (p->state == EXIT_ZOMBIE) {
			zombie = p;	/* only its parent (us) reaps it: it stays */
			break;
		}
	}
	preempt_enable();
	if (!zombie)
		return *found ? 0 : -ECHILD;
	/* the user copies may fault and sleep: outside the walk */
	ret = zombie->pid;
	if (stat_addr && put_user(zombie->exit_code, stat_addr))
		return -EFAULT;
	if (ru && clear_user(ru, 144))
		return -EFAULT;
	release_task(zombie);
	return ret;
}

long sys_wait4(pid_t pid, int __user *stat_addr, int options, struct rusage __user *ru)
{
	DEFINE_WAIT(w);
	long ret;
	bool found;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WALL | __WCLONE))
		return -EINVAL;
	if (pid == -2147483647 - 1)
		return -ESRCH;
	for (;;) {
		prepare_to_wait(&current->wait_chldexit, &w, TASK_INTERRUPTIBLE);
		ret = wait_consider(pid, stat_addr, ru, &found);
		if (ret != 0 || (options & WNOHANG))
			break;
		if (signal_pending(current)) {
			ret = -EINTR;
			break;
		}
		schedule();
	}
	finish_wait(&current->wait_chldexit, &w);
	return ret;
}
