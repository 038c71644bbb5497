/* The OOM killer: reclaim found nothing to free and an allocation that may
 * not fail is stuck. Kill the process using the most memory (never init,
 * never a kernel thread), report it as Linux does, and let the allocation
 * retry once the victim's memory is back. */
#include <linux/mm.h>
#include <linux/oom.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/rwsem.h>
#include <asm/processor.h>

static pid_t oom_victim_pid;

/* The process with the most resident pages and page tables. Called with
 * preemption off (task_list's lock). */
static struct task_struct *select_bad_process(void)
{
	struct task_struct *p, *chosen = NULL;
	unsigned long best = 0;

	list_for_each_entry(p, &task_list, tasks) {
		if (p->pid <= 1 || !p->mm || (p->flags & (PF_KTHREAD | PF_EXITING)))
			continue;
		unsigned long points = get_mm_rss(p->mm) + atomic_long_read(&p->mm->pgtables_bytes) / PAGE_SIZE;
		if (points > best) {
			best = points;
			chosen = p;
		}
	}
	return chosen;
}

/* Returns true if the caller should retry its allocation (a victim was
 * killed, or one killed before is still dying), false if it should fail. */
bool out_of_memory(gfp_t gfp, unsigned int order)
{
	struct task_struct *victim;
	bool dying;

	if (fatal_signal_pending(current))
		return false;		/* we are dying ourselves: fail and exit */
	preempt_disable();		/* task_list's lock (find_task_by_pid) */
	victim = oom_victim_pid ? find_task_by_pid(oom_victim_pid) : NULL;
	dying = victim && victim->mm && victim->state != EXIT_ZOMBIE;
	preempt_enable();
	if (dying) {
		msleep(10);		/* the last victim is still exiting */
		return true;
	}
	/* the victim may not be reaped before it is signalled */
	preempt_disable();
	victim = select_bad_process();
	if (!victim) {
		preempt_enable();
		return false;
	}
	struct mm_struct *mm = victim->mm;
	unsigned long total_vm = 0;
	/* the VMA list may be half-changed by a task preempted with mmap_lock
	 * held for write: read it only if nobody holds that (else report 0) */
	if (mmap_read_trylock(mm)) {
		for (struct vm_area_struct *v = mm->mmap; v; v = v->vm_next)
			total_vm += v->vm_end - v->vm_start;
		mmap_read_unlock(mm);
	}
	printk(KERN_ERR "%s invoked oom-killer: gfp_mask=%#x, order=%u\n", current->comm, gfp, order);
	printk(KERN_ERR "Mem-Info: free:%lu anon:%ld anon_thp:%ld pagetables:%ld\n", nr_free_pages(),
	       global_node_page_state(NR_ANON_MAPPED), global_node_page_state(NR_ANON_THPS),
	       global_node_page_state(NR_PAGETABLE));
	printk(KERN_ERR "Out of memory: Killed process %d (%s) total-vm:%lukB, anon-rss:%lukB, "
	       "file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:%lukB oom_score_adj:0\n",
	       victim->pid, victim->comm, total_vm >> 10, get_mm_rss(mm) << (PAGE_SHIFT - 10),
	       atomic_long_read(&mm->pgtables_bytes) >> 10);
	count_vm_event(OOM_KILL);
	oom_victim_pid = victim->pid;
	send_sig(SIGKILL, victim);
	/* its memory comes back only when every process using the mm is gone
	 * (a vfork child shares its parent's): kill those too, as Linux does */
	struct task_struct *p;
	list_for_each_entry(p, &task_list, tasks)
		if (p != victim && p->mm == mm && p->pid > 1 && !(p->flags & PF_KTHREAD))
			send_sig(SIGKILL, p);
	preempt_enable();
	if (victim == current)
		return false;
	msleep(10);
	return true;
}
