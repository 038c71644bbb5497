/* bench_split: the two THP splits.
 *  1. PMD split: 64 MiB of written huge pages (32 huge PMDs); munmap of one
 *     4 KiB page in each 2 MiB splits its PMD into 512 PTEs (thp_split_pmd
 *     +32) and leaves the huge page partly mapped, queued for deferred split.
 *     BENCH split_pmd MS ms (the 32 munmaps), BENCH split_pmd_each US us.
 *  2. Page split on reclaim: a child makes memory pressure the honest way
 *     (it writes 4 KiB pages, 1 MiB at a time, until thp_split_page has grown
 *     by 32 or MemFree is down to min_free_kbytes + 4 MiB, then waits up to
 *     10 s), so that reclaim (Linux: the deferred-split shrinker run by
 *     kswapd) splits the 32 queued huge pages. BENCH split_reclaim MS ms: from
 *     the start of the pressure until thp_split_page reached +32 (so it
 *     includes the pressure's own page faults); INFO says how much memory it
 *     took and whether all 32 were split.
 * usage: bench_split [MiB]     (default 64) */
#include "testlib.h"

#include <sys/mman.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>

static double now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static void hello(const char *name)
{
	struct utsname u;
	uname(&u);
	printf("bench: %s on %s %s\n", name, u.sysname, u.release);
	fflush(stdout);
}

/* Marks the start (name) or the end (NULL) of a timed phase on the console:
 * scripts/bench.sh --profile attributes its samples to the phase named last. */
static void phase(const char *name)
{
	printf("PHASE %s\n", name ? name : "-");
	fflush(stdout);
}

/* The pressure child: returns (as its exit status) 0 when the splits happened. */
static int pressure(long target)
{
	char buf[32];
	long min_kb = read_file("/proc/sys/vm/min_free_kbytes", buf, sizeof(buf)) > 0 ? atol(buf) : 16384;
	long stop_kb = min_kb + 4096;
	size_t len = (size_t)meminfo_kb("MemTotal") * KB, off;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	int reached = 0;

	if (p == MAP_FAILED)
		return 2;
	madvise(p, len, MADV_NOHUGEPAGE);
	double t0 = now_ns();
	for (off = 0; off + MB <= len; off += MB) {
		touch_pages(p + off, MB);
		if (vmstat("thp_split_page") >= target) {
			reached = 1;
			break;
		}
		if (meminfo_kb("MemFree") <= stop_kb)
			break;
	}
	size_t touched = off + MB;
	double touch_ms = (now_ns() - t0) / 1e6;
	while (!reached && (now_ns() - t0) / 1e6 < touch_ms + 10000) {
		if (vmstat("thp_split_page") >= target)
			reached = 1;
		else
			sleep_ms(1);
	}
	double total = (now_ns() - t0) / 1e6;
	printf("INFO split_reclaim: wrote %zu MiB of 4 KiB pages; thp_split_page %s the target after %.1f ms; "
	       "MemFree %ld kB, min_free_kbytes %ld\n", touched / MB, reached ? "reached" : "did NOT reach",
	       total, meminfo_kb("MemFree"), min_kb);
	if (reached)
		printf("BENCH split_reclaim %.1f ms\n", total);
	fflush(stdout);
	return reached ? 0 : 3;
}

int main(int argc, char **argv)
{
	size_t len = (argc > 1 ? strtoul(argv[1], NULL, 0) : 64) * MB;
	long n = len / HPAGE_SIZE;

	hello("split");
	thp_set_enabled("madvise");
	char *p = thp_region(len);
	fill_pattern(p, len, 5);
	printf("INFO split_pmd: AnonHugePages %ld kB of %zu kB before\n", smaps_kb(p, "AnonHugePages"), len / KB);

	/* 1. PMD split by partial munmap */
	long pmd0 = vmstat("thp_split_pmd"), deferred0 = vmstat("thp_deferred_split_page");
	phase("split_pmd");
	double t0 = now_ns();
	for (long i = 0; i < n; i++)
		munmap(p + i * HPAGE_SIZE + PAGE_SIZE, PAGE_SIZE);
	double ms = (now_ns() - t0) / 1e6;
	phase(NULL);
	printf("INFO split_pmd: thp_split_pmd +%ld, thp_deferred_split_page +%ld (of %ld)\n",
	       vmstat("thp_split_pmd") - pmd0, vmstat("thp_deferred_split_page") - deferred0, n);
	printf("BENCH split_pmd %.3f ms\n", ms);
	printf("BENCH split_pmd_each %.1f us\n", ms * 1000 / n);
	fflush(stdout);

	/* 2. page split on reclaim */
	if (meminfo_kb("MemTotal") > 2 * 1024 * 1024) {
		printf("INFO split_reclaim: skipped, the guest has more than 2 GiB\n");
		return 0;
	}
	long target = vmstat("thp_split_page") + n;
	phase("split_reclaim");
	pid_t pid = fork();
	if (pid == 0) {
		munmap(p, len);   /* the child keeps no mapping of the huge pages */
		_exit(pressure(target));
	}
	int st = wait_status(pid);
	phase(NULL);
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
	fflush(stdout);
	return 0;
}
