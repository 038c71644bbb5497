/* bench_fault_touch: first touch of 256 MiB, one write per 4 KiB page, in a
 * 2 MiB-aligned anonymous mapping with MADV_HUGEPAGE (one fault per 2 MiB:
 * a huge PMD and 2 MiB of zeroing) and with MADV_NOHUGEPAGE (65,536 faults of
 * 4 KiB), each timed with CLOCK_MONOTONIC. Prints
 *   BENCH fault_touch_thp MS ms, BENCH fault_touch_4k MS ms,
 *   BENCH fault_touch_ratio THP/4K x
 * and INFO lines with the page faults and THP faults each touch took, so a
 * slow result can be told apart from a THP that did not happen. On thpkernel
 * also the median and 99th percentile of one fault's service time
 * (BENCH lat_fault_2m_p50 / _p99, lat_fault_4k_p50 / _p99, in us).
 * usage: bench_fault_touch [MiB]        (default 256) */
#include "bench.h"

#include <sys/mman.h>

/* Touches len bytes with the given advice; returns ms and reports the faults
 * and, on thpkernel, the percentiles of the faults' service times. */
static double touch(size_t len, int advice, const char *what)
{
	char *p = mmap_aligned(len, HPAGE_SIZE);
	madvise(p, len, advice);
	long pgfault0 = vmstat("pgfault"), thp0 = vmstat("thp_fault_alloc");
	char label[64];
	snprintf(label, sizeof(label), "fault_touch_%s", what);
	thp_latency_reset();
	bench_phase(label);
	double t0 = now_ns();
	for (size_t off = 0; off < len; off += PAGE_SIZE)
		((volatile char *)p)[off] = 1;
	double ms = (now_ns() - t0) / 1e6;
	bench_phase(NULL);
	printf("INFO fault_touch_%s: pgfault +%ld thp_fault_alloc +%ld AnonHugePages %ld kB of %zu kB\n",
	       what, vmstat("pgfault") - pgfault0, vmstat("thp_fault_alloc") - thp0,
	       smaps_kb(p, "AnonHugePages"), len / KB);
	/* the faults that made this touch: 2 MiB ones for THP, 4 KiB ones without */
	const char *hist = advice == MADV_HUGEPAGE ? "fault_2m" : "fault_4k";
	bench_latency(hist, hist);
	munmap(p, len);
	return ms;
}

int main(int argc, char **argv)
{
	size_t len = (argc > 1 ? strtoul(argv[1], NULL, 0) : 256) * MB;

	bench_hello("fault_touch");
	thp_set_enabled("madvise");
	double thp = touch(len, MADV_HUGEPAGE, "thp");
	double small = touch(len, MADV_NOHUGEPAGE, "4k");
	bench_value("fault_touch_thp", thp, "ms");
	bench_value("fault_touch_4k", small, "ms");
	bench_value("fault_touch_ratio", thp / small, "x");
	return 0;
}
