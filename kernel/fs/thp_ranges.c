/* /proc/PID/thp_ranges (ours, not in Linux): for each 2 MiB range of the
 * process that khugepaged or MADV_COLLAPSE looked at, the last verdict
 * (hpage_collapse_scan_pmd's SCAN_* result), when it was reached, and by
 * whom:
 *
 *   7fffbf600000 SCAN_SUCCEED 12.345678 khugepaged
 *   7fffbf800000 SCAN_EXCEED_NONE_PTE 12.345702 khugepaged
 *
 * so that "why is this range not huge?" has an answer. The verdicts live
 * in one page hung off the mm (mm->thp_ranges), allocated at the first
 * verdict and freed with the mm's struct (mmdrop, since khugepaged may
 * still hold the struct after the address space is gone). A page holds
 * THP_RANGES_PER_MM ranges (340 MiB); when it is full, the verdict
 * reached longest ago makes room. */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/errno.h>
#include <linux/thp_insight.h>

struct thp_range {
	unsigned long haddr;		/* the 2 MiB-aligned start */
	u64 ns;				/* ktime_get_ns() of the verdict */
	u8 result;			/* SCAN_* */
	bool by_khugepaged;		/* else MADV_COLLAPSE */
};

#define THP_RANGES_PER_MM ((PAGE_SIZE - sizeof(long)) / sizeof(struct thp_range))

struct thp_range_table {
	long nr;
	struct thp_range r[THP_RANGES_PER_MM];
};

/* Guards every mm's table (verdicts are rare: one per range per scan). */
static DEFINE_SPINLOCK(thp_ranges_lock);

/* The slot for haddr: its own, a free one, or the oldest. Lock held. */
static struct thp_range *range_slot(struct thp_range_table *t, unsigned long haddr)
{
	struct thp_range *oldest = &t->r[0];

	for (long i = 0; i < t->nr; i++) {
		if (t->r[i].haddr == haddr)
			return &t->r[i];
		if (t->r[i].ns < oldest->ns)
			oldest = &t->r[i];
	}
	if (t->nr < (long)THP_RANGES_PER_MM)
		return &t->r[t->nr++];
	return oldest;
}

void thp_range_record(struct mm_struct *mm, unsigned long haddr, int result, bool by_khugepaged)
{
	struct thp_range_table *fresh = NULL;
	struct thp_range *slot;

	if (!READ_ONCE(mm->thp_ranges)) {
		fresh = kzalloc(sizeof(*fresh), GFP_KERNEL);
		if (!fresh)
			return;			/* the verdict is lost, nothing else */
	}
	spin_lock(&thp_ranges_lock);
	if (!mm->thp_ranges) {
		mm->thp_ranges = fresh;
		fresh = NULL;
	}
	slot = range_slot(mm->thp_ranges, haddr);
	slot->haddr = haddr;
	slot->ns = ktime_get_ns();
	slot->result = result;
	slot->by_khugepaged = by_khugepaged;
	spin_unlock(&thp_ranges_lock);
	kfree(fresh);
}

void thp_ranges_free(struct mm_struct *mm)
{
	kfree(mm->thp_ranges);
	mm->thp_ranges = NULL;
}

static int cmp_haddr(const struct thp_range *a, const struct thp_range *b)
{
	return a->haddr < b->haddr ? -1 : a->haddr > b->haddr;
}

/* One line per range, by address. */
static int thp_ranges_show(struct seq_file *m, struct task_struct *t, void *data)
{
	struct thp_range_table *copy;
	struct mm_struct *mm;
	long nr = 0;

	/* the struct (and its table) stay while we hold mm_count */
	preempt_disable();
	mm = t->mm;
	if (mm)
		atomic_inc(&mm->mm_count);
	preempt_enable();
	if (!mm)
		return 0;
	copy = kmalloc(sizeof(*copy), GFP_KERNEL);
	if (!copy) {
		mmdrop(mm);
		return -ENOMEM;
	}
	spin_lock(&thp_ranges_lock);
	if (mm->thp_ranges) {
		nr = mm->thp_ranges->nr;
		memcpy(copy->r, mm->thp_ranges->r, nr * sizeof(copy->r[0]));
	}
	spin_unlock(&thp_ranges_lock);
	mmdrop(mm);
	/* insertion sort: at most a few hundred entries */
	for (long i = 1; i < nr; i++)
		for (long j = i; j > 0 && cmp_haddr(&copy->r[j - 1], &copy->r[j]) > 0; j--) {
			struct thp_range tmp = copy->r[j];
			copy->r[j] = copy->r[j - 1];
			copy->r[j - 1] = tmp;
		}
	for (long i = 0; i < nr; i++) {
		struct thp_range *r = &copy->r[i];
		seq_printf(m, "%lx %s %lu.%06lu %s\n", r->haddr, khugepaged_result_name(r->result),
			   r->ns / NSEC_PER_SEC, r->ns % NSEC_PER_SEC / 1000,
			   r->by_khugepaged ? "khugepaged" : "MADV_COLLAPSE");
	}
	kfree(copy);
	return 0;
}

static const struct pseudo_file_ops thp_ranges_ops = { .show = thp_ranges_show };

void thp_ranges_init(void)
{
	proc_pid_register("thp_ranges", 0444, &thp_ranges_ops);
}
