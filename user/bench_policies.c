/* bench_policies: thpkernel's two THP policies side by side (docs/policies.md).
 * thp_policy=linux: a THP at the first fault of a 2 MiB range, or a copy by
 * khugepaged later; thp_policy=reserve: FreeBSD's reservations, 4 KiB faults and
 * a promotion in place once a range is full. Both run in one boot, switched at
 * run time. For each policy, over MiB (64 by default), with MADV_HUGEPAGE:
 *  - fault_touch: first touch, one write per 4 KiB page: its time, and (thpkernel)
 *    the median, 99th percentile and maximum of one fault's service time
 *    (/sys/kernel/debug/thp/latency, 4 KiB and 2 MiB faults together);
 *  - make_thp: the kernel time spent turning 4 KiB pages into the THPs: linux,
 *    khugepaged's collapses (a copy of 512 pages each) of the range written in
 *    4 KiB pages, with khugepaged's wall-clock time (khugepaged); reserve, the
 *    promotions in place that fault_touch ended with; in all and per THP (p50);
 *  - tlb: dependent random reads, one per 4 KiB page, over the touched range;
 *  - sparse: one page written per 64 KiB: Rss, and what the policy took from the
 *    free lists (free pages before minus after: THPs, or reserved blocks).
 * Prints "BENCH policy_NAME_POLICY value unit"; Linux has only "linux", without
 * the histogram values (scripts/bench-table.py puts them in a table of their own).
 * usage: bench_policies [MiB]       (default 64) */
#include "bench.h"

#include <sys/mman.h>

static void value(const char *what, const char *policy, double v, const char *unit)
{
	char name[96];

	snprintf(name, sizeof(name), "policy_%s_%s", what, policy);
	bench_value(name, v, unit);
}

/* the THPs made, from histogram name ("collapse", "promote"): total ms, p50 us */
static void made(const char *policy, const char *hist)
{
	struct thp_latency_hist h;

	if (thp_latency_read(hist, &h) || !h.count)
		return;
	value("make_thp", policy, h.sum_ns / 1e6, "ms");
	value("make_thp_p50", policy, thp_latency_percentile(&h, 0.5) / 1e3, "us");
	printf("INFO make_thp_%s: %lu by %s, the slowest %.1f us\n", policy, h.count,
	       !strcmp(hist, "promote") ? "promotion in place" : "collapse (copy)", h.max_ns / 1e3);
}

static int setup(const char *policy)
{
	thp_set_enabled("madvise");
	/* khugepaged stays out of the sparse part (and off the reserved ranges) */
	thp_set_long("khugepaged/max_ptes_none", 0);
	return thp_set("thp_policy", policy);
}

static void run(const char *policy, size_t len)
{
	struct thp_latency_hist h;
	int linux_policy = !strcmp(policy, "linux");

	/* fault_touch (and, for reserve, the promotions it makes) */
	char *p = mmap_aligned(len, HPAGE_SIZE);
	madvise(p, len, MADV_HUGEPAGE);
	thp_latency_reset();
	bench_phase("policy_fault_touch");
	double t0 = now_ns();
	for (size_t off = 0; off < len; off += PAGE_SIZE)
		((volatile char *)p)[off] = 1;
	double ms = (now_ns() - t0) / 1e6;
	bench_phase(NULL);
	value("fault_touch", policy, ms, "ms");
	if (!thp_latency_sum("fault_4k+fault_2m", &h) && h.count) {
		value("fault_p50", policy, thp_latency_percentile(&h, 0.5) / 1e3, "us");
		value("fault_p99", policy, thp_latency_percentile(&h, 0.99) / 1e3, "us");
		value("fault_max", policy, h.max_ns / 1e3, "us");
	}
	printf("INFO fault_touch_%s: %lu faults, AnonHugePages %ld of %zu kB\n", policy, h.count,
	       smaps_kb(p, "AnonHugePages"), len / KB);
	if (!linux_policy)
		made(policy, "promote");

	/* tlb, over the range just made huge */
	value("tlb", policy, chase_ns(page_cycle(p, len / PAGE_SIZE), 1 << 20), "ns");
	munmap(p, len);

	/* khugepaged's copy: the same amount, written in 4 KiB pages first */
	if (linux_policy) {
		char *c = mmap_aligned(len, HPAGE_SIZE);
		madvise(c, len, MADV_NOHUGEPAGE);
		touch_pages(c, len);
		thp_latency_reset();
		bench_phase("policy_khugepaged");
		ms = khugepaged_collapse_ms(c, len);
		bench_phase(NULL);
		if (ms >= 0)
			value("khugepaged", policy, ms, "ms");
		made(policy, "collapse");
		printf("INFO khugepaged_%s: AnonHugePages %ld of %zu kB\n", policy, smaps_kb(c, "AnonHugePages"),
		       len / KB);
		munmap(c, len);
		thp_restore_all();	/* khugepaged back to its own pace */
		setup(policy);
	}

	/* sparse */
	long free0 = free_pages_now();
	char *s = mmap_aligned(len, HPAGE_SIZE);
	madvise(s, len, MADV_HUGEPAGE);
	for (size_t off = 0; off < len; off += 64 * KB)
		s[off] = 1;
	value("sparse_taken", policy, (free0 - free_pages_now()) * 4, "kB");
	value("sparse_rss", policy, smaps_kb(s, "Rss"), "kB");
	printf("INFO sparse_%s: AnonHugePages %ld kB, %zu kB written\n", policy, smaps_kb(s, "AnonHugePages"),
	       len / (64 * KB) * 4);
	munmap(s, len);
	fflush(stdout);
}

int main(int argc, char **argv)
{
	size_t len = (argc > 1 ? strtoul(argv[1], NULL, 0) : 64) * MB;

	bench_hello("policies");
	if (setup("linux") == 0) {
		run("linux", len);
		setup("reserve");
		run("reserve", len);
	} else {
		run("linux", len);	/* Linux: its only policy */
	}
	return 0;
}
