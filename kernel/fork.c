/* Creating processes: fork/vfork/clone copy the calling task; its address
 * space is copied VMA by VMA with copy-on-write page tables (dup_mm), its
 * open files and signal handlers are shared or copied. */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/mm.h>
#include <linux/rmap.h>
#include <linux/huge_mm.h>
#include <linux/thp_insight.h>
#include <linux/vm_reserv.h>
#include <linux/shmem.h>
#include <linux/slab.h>
#include <linux/fs.h>
#include <linux/errno.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <asm/ptrace.h>
#include <asm/boot.h>
#include <asm/processor.h>

#define CLONE_VM	0x00000100
#define CLONE_FS	0x00000200
#define CLONE_FILES	0x00000400
#define CLONE_SIGHAND	0x00000800
#define CLONE_VFORK	0x00004000
#define CLONE_PARENT	0x00008000
#define CLONE_THREAD	0x00010000
#define CLONE_SETTLS	0x00080000
#define CLONE_PARENT_SETTID	0x00100000
#define CLONE_CHILD_CLEARTID	0x00200000
#define CLONE_CHILD_SETTID	0x01000000

LIST_HEAD(mm_list);
static DEFINE_SPINLOCK(mm_list_lock);

void setup_switch_frame(struct task_struct *t, unsigned long top, int (*fn)(void *), void *arg);

struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = kzalloc(sizeof(*mm), GFP_KERNEL);
	if (!mm)
		return NULL;
	mm->mm_rb = RB_ROOT;
	atomic_set(&mm->mm_users, 1);
	atomic_set(&mm->mm_count, 1);
	init_rwsem(&mm->mmap_lock);
	spin_lock_init(&mm->page_table_lock);
	INIT_LIST_HEAD(&mm->khugepaged_slot);
	mm->pgd = pgd_alloc(mm);
	if (!mm->pgd) {
		kfree(mm);
		return NULL;
	}
	spin_lock(&mm_list_lock);
	list_add_tail(&mm->mmlist, &mm_list);
	spin_unlock(&mm_list_lock);
	return mm;
}

/* Drop a reference to the struct itself (khugepaged may hold one). */
void mmdrop(struct mm_struct *mm)
{
	if (atomic_dec_and_test(&mm->mm_count)) {
		spin_lock(&mm_list_lock);
		list_del(&mm->mmlist);
		spin_unlock(&mm_list_lock);
		pgd_free(mm, mm->pgd);
		thp_ranges_free(mm);
		kfree(mm);
	}
}

/* The last task using mm is done with it: unmap everything. */
void mmput(struct mm_struct *mm)
{
	if (!atomic_dec_and_test(&mm->mm_users))
		return;
	khugepaged_exit(mm);
	exit_mmap(mm);
	vm_reserv_exit_mm(mm);		/* thp_policy=reserve: unused reserved pages */
	mmdrop(mm);
}

/* Copy every VMA and its page tables (copy-on-write) into a new mm. */
static int dup_mmap(struct mm_struct *mm, struct mm_struct *oldmm)
{
	struct vm_area_struct *prev = NULL;
	int err = 0;

	mmap_write_lock(oldmm);
	mm->flags = oldmm->flags & (BIT(MMF_DISABLE_THP));
	mm->start_code = oldmm->start_code;
	mm->end_code = oldmm->end_code;
	mm->start_data = oldmm->start_data;
	mm->end_data = oldmm->end_data;
	mm->start_brk = oldmm->start_brk;
	mm->brk = oldmm->brk;
	mm->start_stack = oldmm->start_stack;
	mm->arg_start = oldmm->arg_start;
	mm->arg_end = oldmm->arg_end;
	mm->env_start = oldmm->env_start;
	mm->env_end = oldmm->env_end;
	for (struct vm_area_struct *mpnt = oldmm->mmap; mpnt; mpnt = mpnt->vm_next) {
		if (mpnt->vm_flags & VM_DONTCOPY)
			continue;
		struct vm_area_struct *tmp = kmalloc(sizeof(*tmp), GFP_KERNEL);
		if (!tmp) {
			err = -ENOMEM;
			break;
		}
		*tmp = *mpnt;
		tmp->vm_mm = mm;
		tmp->vm_flags &= ~(VM_LOCKED | VM_LOCKONFAULT);	/* memory locks are not inherited */
		INIT_LIST_HEAD(&tmp->anon_vma_chain);
		tmp->vm_next = tmp->vm_prev = NULL;
		shmem_vma_get(tmp);
		if (tmp->vm_flags & VM_WIPEONFORK) {
			/* the child starts with none of the parent's pages:
			 * no anon_vma to share, no page tables to copy */
			tmp->anon_vma = NULL;
			insert_vm_struct(mm, tmp);
			continue;
		}
		if (anon_vma_fork(tmp, mpnt)) {
			shmem_vma_put(tmp);
			kfree(tmp);
			err = -ENOMEM;
			break;
		}
		insert_vm_struct(mm, tmp);
		prev = tmp;
		err = copy_page_range(mm, oldmm, mpnt);
		if (err)
			break;
	}
	(void)prev;
	/* the parent's PTEs became read-only: drop its stale TLB entries */
	flush_tlb_mm(oldmm);
	mmap_write_unlock(oldmm);
	if (!err)
		khugepaged_fork(mm, oldmm);
	return err;
}

struct mm_struct *dup_mm(struct mm_struct *oldmm)
{
	struct mm_struct *mm = mm_alloc();
	if (!mm)
		return NULL;
	if (dup_mmap(mm, oldmm)) {
		mmput(mm);
		return NULL;
	}
	return mm;
}

static inline struct pt_regs *task_pt_regs(struct task_struct *t)
{
	return (struct pt_regs *)((unsigned long)t->stack + KERNEL_STACK_SIZE) - 1;
}

/* Make the child: a copy of current returning 0 from the system call. */
static struct task_struct *copy_process(unsigned long flags, unsigned long newsp,
					unsigned long tls)
{
	struct task_struct *p = alloc_task(current->comm);
	struct pt_regs *childregs;

	if (!p)
		return ERR_PTR(-ENOMEM);
	if (flags & CLONE_VM) {
		atomic_inc(&current->mm->mm_users);
		p->mm = current->mm;
	} else {
		p->mm = dup_mm(current->mm);
		if (!p->mm) {
			free_task(p);
			return ERR_PTR(-ENOMEM);
		}
		p->mm->owner = p;
	}
	p->active_mm = p->mm;
	p->files = dup_fd(current->files);
	if (!p->files) {
		mmput(p->mm);
		free_task(p);
		return ERR_PTR(-ENOMEM);
	}
	p->cwd = current->cwd;
	if (p->cwd)
		ihold(p->cwd);
	strlcpy(p->cwd_path, current->cwd_path, sizeof(p->cwd_path));
	memcpy(p->sighand, current->sighand, sizeof(p->sighand));
	p->blocked = current->blocked;
	p->pgrp = current->pgrp;
	p->session = current->session;
	p->exit_signal = flags & 0xff;
	p->thread.fsbase = (flags & CLONE_SETTLS) ? tls : current->thread.fsbase;
	p->sas_ss_sp = current->sas_ss_sp;
	p->sas_ss_size = current->sas_ss_size;
	fpu_copy(p, current);

	childregs = task_pt_regs(p);
	*childregs = *task_pt_regs(current);
	childregs->rax = 0;
	if (newsp)
		childregs->rsp = newsp;
	setup_switch_frame(p, (unsigned long)childregs, NULL, NULL);

	/* CLONE_PARENT: a sibling of the caller, reported to the caller's parent */
	p->parent = (flags & CLONE_PARENT) && current->parent ? current->parent : current;
	if (flags & CLONE_PARENT)
		p->exit_signal = current->exit_signal;
	preempt_disable();
	list_add_tail(&p->sibling, &p->parent->children);
	list_add_tail(&p->tasks, &task_list);
	preempt_enable();
	return p;
}

static long do_fork(unsigned long flags, unsigned long newsp, int __user *parent_tid,
		    int __user *child_tid, unsigned long tls)
{
	struct task_struct *p;

	if (flags & (CLONE_THREAD | CLONE_SIGHAND))
		return -EINVAL;		/* no threads here */
	p = copy_process(flags, newsp, tls);
	if (IS_ERR(p))
		return PTR_ERR(p);
	pid_t pid = p->pid;
	if (flags & CLONE_PARENT_SETTID)
		put_user(pid, parent_tid);
	if (flags & CLONE_CHILD_CLEARTID)
		p->clear_child_tid = child_tid;
	if (flags & CLONE_VFORK) {
		p->vfork_parent = current;
		current->vfork_done = 0;
	}
	wake_up_process(p);
	if (flags & CLONE_VFORK) {
		/* the parent waits until the child execs or exits */
		DEFINE_WAIT(w);
		for (;;) {
			prepare_to_wait(&current->wait_chldexit, &w, TASK_UNINTERRUPTIBLE);
			if (current->vfork_done)
				break;
			schedule();
		}
		finish_wait(&current->wait_chldexit, &w);
	}
	return pid;
}

long sys_fork(void)
{
	return do_fork(SIGCHLD, 0, NULL, NULL, 0);
}

long sys_vfork(void)
{
	return do_fork(CLONE_VFORK | SIGCHLD, 0, NULL, NULL, 0);
}

long sys_clone(unsigned long flags, unsigned long newsp, int __user *parent_tid,
	       int __user *child_tid, unsigned long tls)
{
	return do_fork(flags, newsp, parent_tid, child_tid, tls);
}

/* A vfork child has exec'd or exited: let its parent go on. */
void mm_release_vfork(struct task_struct *t)
{
	struct task_struct *parent = t->vfork_parent;
	if (parent) {
		t->vfork_parent = NULL;
		parent->vfork_done = 1;
		wake_up(&parent->wait_chldexit);
	}
}
