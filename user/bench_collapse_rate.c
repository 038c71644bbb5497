/* bench_collapse_rate: how fast 64 MiB populated with 4 KiB pages becomes 32
 * huge pages.
 *  1. khugepaged, with scan_sleep_millisecs=0 and pages_to_scan=4096: the
 *     range is written in 4 KiB pages (MADV_NOHUGEPAGE), then the clock starts
 *     and MADV_HUGEPAGE hands it to khugepaged; the clock stops when
 *     khugepaged/pages_collapsed has grown by 32 (polled every 1 ms).
 *  2. MADV_COLLAPSE of the same kind of range (no MADV_HUGEPAGE, so khugepaged
 *     does not look at it): the time of the call.
 * Prints BENCH collapse_khugepaged MS ms / MIBS MiB/s and BENCH collapse_madv
 * MS ms / MIBS MiB/s; INFO lines say how much ended up huge. Knobs are put
 * back at exit.
 * usage: bench_collapse_rate [MiB]     (default 64) */
#include "testlib.h"

#include <sys/mman.h>
#include <sys/utsname.h>
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

static void report(const char *name, double ms, size_t len, char *p)
{
	printf("INFO %s: AnonHugePages %ld kB of %zu kB, data %s\n", name, smaps_kb(p, "AnonHugePages"),
	       len / KB, check_pattern(p, len, 7) == -1 ? "intact" : "CORRUPTED");
	printf("BENCH %s %.1f ms\n", name, ms);
	printf("BENCH %s_rate %.1f MiB/s\n", name, len / (double)MB / (ms / 1000));
	fflush(stdout);
}

int main(int argc, char **argv)
{
	size_t len = (argc > 1 ? strtoul(argv[1], NULL, 0) : 64) * MB;
	long want = len / HPAGE_SIZE;
	struct timespec ms1 = { 0, 1000000 };

	hello("collapse_rate");
	thp_set_enabled("madvise");

	/* 1. khugepaged */
	char *p = mmap_aligned(len, HPAGE_SIZE);
	madvise(p, len, MADV_NOHUGEPAGE);
	fill_pattern(p, len, 7);
	thp_must_set("khugepaged/pages_to_scan", "4096");
	thp_must_set("khugepaged/scan_sleep_millisecs", "0");
	long done0 = thp_get_long("khugepaged/pages_collapsed");
	phase("collapse_khugepaged");
	double t0 = now_ns(), ms;
	madvise(p, len, MADV_HUGEPAGE);
	for (;;) {
		long done = thp_get_long("khugepaged/pages_collapsed") - done0;
		ms = (now_ns() - t0) / 1e6;
		if (done >= want || ms > 120000) {
			phase(NULL);
			break;
		}
		nanosleep(&ms1, NULL);
	}
	if (ms > 120000)
		printf("INFO collapse_khugepaged: gave up after 120 s\n");
	report("collapse_khugepaged", ms, len, p);
	munmap(p, len);
	thp_restore_all();

	/* 2. MADV_COLLAPSE */
	p = mmap_aligned(len, HPAGE_SIZE);
	fill_pattern(p, len, 7);
	phase("collapse_madv");
	t0 = now_ns();
	int r = madvise(p, len, MADV_COLLAPSE);
	ms = (now_ns() - t0) / 1e6;
	phase(NULL);
	if (r)
		printf("INFO collapse_madv: madvise(MADV_COLLAPSE) failed: %s\n", errno_name(errno));
	report("collapse_madv", ms, len, p);
	munmap(p, len);
	return 0;
}
