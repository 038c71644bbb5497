/* The THP event ring (ours, not in Linux): every fault that maps a THP or
 * falls back, every collapse, PMD split, page split, deferred-split queue
 * change and reclaim pass leaves one fixed-size record here, with the pid
 * whose memory it is, the address, the THP's pfn and the time. Unlike the
 * trace events (kernel/trace.c), the ring is always on and holds numbers,
 * not text: it is formatted only when /sys/kernel/debug/thp/events is read
 * (`thpstat -e`). When it is full the oldest records are overwritten.
 * The code that reports events calls thp_event() next to its trace_thp().
 * This file also starts the other "insight" files (include/linux/thp_insight.h). */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/thp_insight.h>

#define THP_EVENT_RING	2048		/* records; 64 bytes each */

struct thp_event_rec {
	u64 ns;				/* ktime_get_ns() when it happened */
	u64 dur_ns;			/* how long it took, 0 if not timed */
	unsigned long addr, pfn;
	long arg;			/* per type: see enum thp_event_type */
	int pid;			/* whose memory */
	u16 type;
	char comm[TASK_COMM_LEN];	/* who did it: the task running then */
};
_Static_assert(sizeof(struct thp_event_rec) == 64, "one event, 64 bytes");

static struct thp_event_rec ring[THP_EVENT_RING];
static unsigned long ring_head;		/* records ever written (monotonic) */
static unsigned long ring_cleared;	/* records before this one were cleared */
static DEFINE_SPINLOCK(ring_lock);

static const char *const event_names[NR_THP_EVENT_TYPES] = {
	[THP_EV_FAULT_ALLOC] = "fault_alloc",
	[THP_EV_FAULT_FALLBACK] = "fault_fallback",
	[THP_EV_COLLAPSE_START] = "collapse_start",
	[THP_EV_COLLAPSE_END] = "collapse_end",
	[THP_EV_SPLIT_PMD] = "split_pmd",
	[THP_EV_SPLIT_PAGE] = "split_page",
	[THP_EV_DEFERRED_ADD] = "deferred_add",
	[THP_EV_DEFERRED_REMOVE] = "deferred_remove",
	[THP_EV_RECLAIM] = "reclaim",
	[THP_EV_UNDERUSED_SPLIT] = "underused_split",
	[THP_EV_PROMOTE] = "promote",
	[THP_EV_RESERV_BREAK] = "reserv_break",
};

void thp_event(enum thp_event_type type, int pid, unsigned long addr, unsigned long pfn,
	       long arg, u64 dur_ns)
{
	unsigned long flags;
	struct thp_event_rec *e;

	spin_lock_irqsave(&ring_lock, flags);
	e = &ring[ring_head++ % THP_EVENT_RING];
	e->ns = ktime_get_ns();
	e->dur_ns = dur_ns;
	e->addr = addr;
	e->pfn = pfn;
	e->arg = arg;
	e->pid = pid;
	e->type = type;
	strlcpy(e->comm, current->comm, sizeof(e->comm));
	spin_unlock_irqrestore(&ring_lock, flags);
}

int thp_mm_pid(struct mm_struct *mm)
{
	return mm && mm->owner ? mm->owner->pid : -1;
}

/* The type-specific part of one line. */
static void event_details(struct seq_file *m, const struct thp_event_rec *e)
{
	switch (e->type) {
	case THP_EV_FAULT_FALLBACK:
		seq_printf(m, " reason=%s", e->arg == THP_FALLBACK_NO_BLOCK ? "no-free-2MiB-block" :
			   "no-huge-zero-page");
		break;
	case THP_EV_COLLAPSE_START:
		seq_printf(m, " via=%s", e->arg ? "khugepaged" : "MADV_COLLAPSE");
		break;
	case THP_EV_COLLAPSE_END:
		seq_printf(m, " result=%s ns=%lu", khugepaged_result_name(e->arg), e->dur_ns);
		break;
	case THP_EV_SPLIT_PMD:
		if (e->arg)
			seq_puts(m, " huge_zero_page=1");
		break;
	case THP_EV_SPLIT_PAGE:
		seq_printf(m, " pmds_split=%ld ns=%lu", e->arg, e->dur_ns);
		break;
	case THP_EV_DEFERRED_ADD:
		seq_printf(m, " queue_len=%ld", e->arg);
		break;
	case THP_EV_DEFERRED_REMOVE:
		seq_printf(m, " why=%s", e->arg == THP_DEQUEUE_FREED ? "freed" : "shrinker");
		break;
	case THP_EV_RECLAIM:
		seq_printf(m, " freed_pages=%ld", e->arg);
		break;
	case THP_EV_UNDERUSED_SPLIT:
		seq_printf(m, " zero_subpages_freed=%ld", e->arg);
		break;
	case THP_EV_PROMOTE:
		seq_printf(m, " ns=%lu", e->dur_ns);
		break;
	case THP_EV_RESERV_BREAK:
		seq_printf(m, " freed_pages=%ld", e->arg);
		break;
	}
}

/* One line per record, oldest first: "seconds event pid= addr= pfn= details comm=". */
static int events_show(struct seq_file *m, struct task_struct *t, void *data)
{
	unsigned long flags, first, last;
	struct thp_event_rec e;

	spin_lock_irqsave(&ring_lock, flags);
	last = ring_head;
	first = max(ring_cleared, last > THP_EVENT_RING ? last - THP_EVENT_RING : 0UL);
	spin_unlock_irqrestore(&ring_lock, flags);
	seq_printf(m, "# THP events (thpkernel's own), oldest first; %lu recorded, %lu overwritten\n",
		   last - ring_cleared, first - ring_cleared);
	for (unsigned long i = first; i < last; i++) {
		spin_lock_irqsave(&ring_lock, flags);
		bool gone = ring_head - i > THP_EVENT_RING || i < ring_cleared;	/* overwritten meanwhile */
		e = ring[i % THP_EVENT_RING];
		spin_unlock_irqrestore(&ring_lock, flags);
		if (gone)
			continue;
		seq_printf(m, "%5lu.%06lu %-15s pid=%d addr=%#lx pfn=%#lx", e.ns / NSEC_PER_SEC,
			   e.ns % NSEC_PER_SEC / 1000, event_names[e.type], e.pid, e.addr, e.pfn);
		event_details(m, &e);
		seq_printf(m, " comm=%s\n", e.comm);
	}
	return 0;
}

/* Any write empties the ring (as writing to /sys/kernel/tracing/trace does). */
static int events_store(struct task_struct *t, void *data, const char *buf, size_t len)
{
	unsigned long flags;

	spin_lock_irqsave(&ring_lock, flags);
	ring_cleared = ring_head;
	spin_unlock_irqrestore(&ring_lock, flags);
	return 0;
}

static const struct pseudo_file_ops events_ops = { .show = events_show, .store = events_store };

void thp_latency_init(void);
void thp_bloat_init(void);
void thp_ranges_init(void);

void thp_insight_init(void)
{
	sysfs_create("kernel/debug/thp/events", 0644, &events_ops, NULL);
	thp_latency_init();
	thp_bloat_init();
	thp_ranges_init();
}
