/* Latency histograms of THP work (ours, not in Linux): how long a page
 * fault takes when it ends with a 4 KiB mapping or with a 2 MiB one, and
 * how long a collapse, a PMD split and a page split take. Times come from
 * ktime_get_ns() (the TSC); each histogram has one bucket per power of two
 * of nanoseconds, bucket k counting durations in [2^k, 2^(k+1)) ns.
 * /sys/kernel/debug/thp/latency prints them (`thpstat -l` draws them);
 * writing anything to it starts them all again from zero. */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/mm.h>
#include <linux/huge_mm.h>
#include <linux/fs.h>
#include <linux/thp_insight.h>
#include <asm/processor.h>

#define NR_BUCKETS 40			/* up to 2^40 ns, about 18 minutes */

struct thp_histogram {
	unsigned long count, sum_ns, max_ns;
	unsigned long bucket[NR_BUCKETS];
};

static struct thp_histogram histograms[NR_THP_LATENCY_TYPES];

static const char *const histogram_names[NR_THP_LATENCY_TYPES] = {
	[THP_LAT_FAULT_4K] = "fault_4k",
	[THP_LAT_FAULT_2M] = "fault_2m",
	[THP_LAT_COLLAPSE] = "collapse",
	[THP_LAT_SPLIT_PMD] = "split_pmd",
	[THP_LAT_SPLIT_PAGE] = "split_page",
	[THP_LAT_PROMOTE] = "promote",
};

/* The bucket of ns: the position of its highest set bit (0 and 1 go to 0). */
static int ns_bucket(unsigned long ns)
{
	int k = ns ? 63 - __builtin_clzl(ns) : 0;
	return k < NR_BUCKETS ? k : NR_BUCKETS - 1;
}

void thp_latency_add(enum thp_latency_type type, u64 t0)
{
	unsigned long ns = ktime_get_ns() - t0, flags;
	struct thp_histogram *h = &histograms[type];

	local_irq_save(flags);		/* one CPU: nothing else can update it now */
	h->count++;
	h->sum_ns += ns;
	if (ns > h->max_ns)
		h->max_ns = ns;
	h->bucket[ns_bucket(ns)]++;
	local_irq_restore(flags);
}

/* The fault's size is what maps the address once it is handled: a huge
 * PMD (a new THP, the huge zero page, a reused THP after fork) or a PTE
 * (including every fault whose THP attempt fell back to 4 KiB: its failed
 * attempt is part of its cost). */
void thp_fault_latency(struct mm_struct *mm, unsigned long address, u64 t0)
{
	pmd_t *pmd = mm_find_pmd(mm, address);
	bool huge = pmd && pmd_trans_huge(*pmd);

	thp_latency_add(huge ? THP_LAT_FAULT_2M : THP_LAT_FAULT_4K, t0);
}

/*
 * One block per histogram:
 *   fault_2m count 4 sum_ns 1043251 max_ns 290112
 *     262144-524287 4
 * the count line, then one line per non-empty bucket: its range in ns and
 * how many durations fell in it.
 */
static int latency_show(struct seq_file *m, struct task_struct *t, void *data)
{
	struct thp_histogram h;
	unsigned long flags;

	seq_puts(m, "# THP latency histograms (thpkernel's own): log2 buckets of nanoseconds\n");
	for (int i = 0; i < NR_THP_LATENCY_TYPES; i++) {
		local_irq_save(flags);
		h = histograms[i];
		local_irq_restore(flags);
		seq_printf(m, "%s count %lu sum_ns %lu max_ns %lu\n", histogram_names[i], h.count,
			   h.sum_ns, h.max_ns);
		for (int k = 0; k < NR_BUCKETS; k++)
			if (h.bucket[k])
				seq_printf(m, "  %lu-%lu %lu\n", k ? 1UL << k : 0UL, (2UL << k) - 1,
					   h.bucket[k]);
	}
	return 0;
}

static int latency_store(struct task_struct *t, void *data, const char *buf, size_t len)
{
	unsigned long flags;

	local_irq_save(flags);
	memset(histograms, 0, sizeof(histograms));
	local_irq_restore(flags);
	return 0;
}

static const struct pseudo_file_ops latency_ops = { .show = latency_show, .store = latency_store };

void thp_latency_init(void)
{
	sysfs_create("kernel/debug/thp/latency", 0644, &latency_ops, NULL);
}
