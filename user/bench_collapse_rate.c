/* bench_collapse_rate: how fast 64 MiB populated with 4 KiB pages becomes 32
 * huge pages.
 *  1. khugepaged, with scan_sleep_millisecs=0 and pages_to_scan=4096: the
 *     range is written in 4 KiB pages (MADV_NOHUGEPAGE), then the clock starts
 *     and MADV_HUGEPAGE hands it to khugepaged; the clock stops when
 *     khugepaged/pages_collapsed has grown by 32 (polled every 1 ms).
 *  2. MADV_COLLAPSE of the same kind of range (no MADV_HUGEPAGE, so khugepaged
 *     does not look at it): the time of the call.
 * Prints BENCH collapse_khugepaged MS ms / MIBS MiB/s and BENCH collapse_madv
 * MS ms / MIBS MiB/s; INFO lines say how much ended up huge. On thpkernel
 * also the median and 99th percentile of one collapse_huge_page (allocation,
 * copy of 512 pages, install): BENCH lat_collapse_khugepaged_p50 / _p99 and
 * lat_collapse_madv_p50 / _p99, in us. Knobs are put back at exit.
 * usage: bench_collapse_rate [MiB]     (default 64) */
#include "bench.h"

#include <sys/mman.h>

static void report(const char *name, double ms, size_t len, char *p)
{
	char rate[64];

	printf("INFO %s: AnonHugePages %ld kB of %zu kB, data %s\n", name, smaps_kb(p, "AnonHugePages"),
	       len / KB, check_pattern(p, len, 7) == -1 ? "intact" : "CORRUPTED");
	bench_value(name, ms, "ms");
	snprintf(rate, sizeof(rate), "%s_rate", name);
	bench_value(rate, len / (double)MB / (ms / 1000), "MiB/s");
	bench_latency("collapse", name);	/* thpkernel: each collapse_huge_page */
}

int main(int argc, char **argv)
{
	size_t len = (argc > 1 ? strtoul(argv[1], NULL, 0) : 64) * MB;

	bench_hello("collapse_rate");
	thp_set_enabled("madvise");

	/* 1. khugepaged */
	char *p = mmap_aligned(len, HPAGE_SIZE);
	madvise(p, len, MADV_NOHUGEPAGE);
	fill_pattern(p, len, 7);
	thp_latency_reset();
	bench_phase("collapse_khugepaged");
	double ms = khugepaged_collapse_ms(p, len);
	bench_phase(NULL);
	if (ms < 0)
		printf("INFO collapse_khugepaged: gave up after 120 s\n");
	report("collapse_khugepaged", ms < 0 ? 120000 : ms, len, p);
	munmap(p, len);
	thp_restore_all();

	/* 2. MADV_COLLAPSE */
	p = mmap_aligned(len, HPAGE_SIZE);
	fill_pattern(p, len, 7);
	thp_latency_reset();
	bench_phase("collapse_madv");
	double t0 = now_ns();
	int r = madvise(p, len, MADV_COLLAPSE);
	ms = (now_ns() - t0) / 1e6;
	bench_phase(NULL);
	if (r)
		printf("INFO collapse_madv: madvise(MADV_COLLAPSE) failed: %s\n", errno_name(errno));
	report("collapse_madv", ms, len, p);
	munmap(p, len);
	return 0;
}
