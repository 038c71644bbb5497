/* bench_split: the two THP splits.
 *  1. PMD split: 64 MiB of written huge pages (32 huge PMDs); munmap of one
 *     4 KiB page in each 2 MiB splits its PMD into 512 PTEs (thp_split_pmd
 *     +32) and leaves the huge page partly mapped, queued for deferred split.
 *     BENCH split_pmd MS ms (the 32 munmaps), BENCH split_pmd_each US us.
 *  2. Page split on reclaim: a child makes memory pressure the honest way
 *     (testlib's make_memory_pressure: it writes 4 KiB pages, 1 MiB at a
 *     time, until thp_split_page has grown by 32 or free memory is down to
 *     4 MiB above the min watermark, and waits), so that reclaim (Linux: the
 *     deferred-split shrinker run by kswapd) splits the 32 queued huge pages.
 *     BENCH split_reclaim MS ms: from the start of the pressure until
 *     thp_split_page reached +32 (so it includes the pressure's own page
 *     faults); INFO says how much memory it took and whether all 32 were split.
 * On thpkernel also the median and 99th percentile of one PMD split and of one
 * page split (BENCH lat_split_pmd_p50 / _p99, lat_split_page_p50 / _p99, us).
 * usage: bench_split [MiB]     (default 64) */
#include "bench.h"

#include <sys/mman.h>
#include <sys/wait.h>

/* The pressure child: returns (as its exit status) 0 when the splits happened. */
static int pressure(long target)
{
	size_t touched = 0;
	double t0 = now_ns();
	int r = make_memory_pressure("thp_split_page", target, &touched);
	double total = (now_ns() - t0) / 1e6;

	printf("INFO split_reclaim: wrote %zu MiB of 4 KiB pages; thp_split_page %s the target after %.1f ms; "
	       "MemFree %ld kB, %ld kB above the min watermark\n", touched / MB, r ? "did NOT reach" : "reached",
	       total, meminfo_kb("MemFree"), zone_free_above_min() * 4);
	if (!r)
		bench_value("split_reclaim", total, "ms");
	fflush(stdout);
	return r;
}

int main(int argc, char **argv)
{
	size_t len = (argc > 1 ? strtoul(argv[1], NULL, 0) : 64) * MB;
	long n = len / HPAGE_SIZE;

	bench_hello("split");
	thp_set_enabled("madvise");
	char *p = thp_region(len);
	fill_pattern(p, len, 5);
	printf("INFO split_pmd: AnonHugePages %ld kB of %zu kB before\n", smaps_kb(p, "AnonHugePages"), len / KB);

	/* 1. PMD split by partial munmap */
	long pmd0 = vmstat("thp_split_pmd"), deferred0 = vmstat("thp_deferred_split_page");
	thp_latency_reset();
	bench_phase("split_pmd");
	double t0 = now_ns();
	for (long i = 0; i < n; i++)
		munmap(p + i * HPAGE_SIZE + PAGE_SIZE, PAGE_SIZE);
	double ms = (now_ns() - t0) / 1e6;
	bench_phase(NULL);
	printf("INFO split_pmd: thp_split_pmd +%ld, thp_deferred_split_page +%ld (of %ld)\n",
	       vmstat("thp_split_pmd") - pmd0, vmstat("thp_deferred_split_page") - deferred0, n);
	bench_value("split_pmd", ms, "ms");
	bench_value("split_pmd_each", ms * 1000 / n, "us");
	bench_latency("split_pmd", "split_pmd");	/* thpkernel: each __split_huge_pmd_locked */

	/* 2. page split on reclaim */
	if (meminfo_kb("MemTotal") > 2 * 1024 * 1024) {
		printf("INFO split_reclaim: skipped, the guest has more than 2 GiB\n");
		return 0;
	}
	long target = vmstat("thp_split_page") + n;
	thp_latency_reset();
	bench_phase("split_reclaim");
	pid_t pid = fork();
	if (pid == 0) {
		munmap(p, len);   /* the child keeps no mapping of the huge pages */
		_exit(pressure(target));
	}
	int st = wait_status(pid);
	bench_phase(NULL);
	if (!WIFEXITED(st))
		printf("INFO split_reclaim: the pressure process %s\n", status_text(st));
	long bad = 0;
	for (long i = 0; i < n; i++) {
		char *h = p + i * HPAGE_SIZE;
		bad += check_pattern(h, PAGE_SIZE, 5) != -1 ||
		       check_pattern(h + 2 * PAGE_SIZE, HPAGE_SIZE - 2 * PAGE_SIZE, 5) != -1;
	}
	printf("INFO split_reclaim: thp_split_page +%ld of %ld after the pressure; data %s\n",
	       vmstat("thp_split_page") - (target - n), n, bad ? "CORRUPTED" : "intact");
	bench_latency("split_page", "split_page");	/* thpkernel: each split_huge_page_to_list */
	return 0;
}
