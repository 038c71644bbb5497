/* bench_fault_touch: first touch of 256 MiB, one write per 4 KiB page, in a
 * 2 MiB-aligned anonymous mapping with MADV_HUGEPAGE (one fault per 2 MiB:
 * a huge PMD and 2 MiB of zeroing) and with MADV_NOHUGEPAGE (65,536 faults of
 * 4 KiB), each timed with CLOCK_MONOTONIC. Prints
 *   BENCH fault_touch_thp MS ms, BENCH fault_touch_4k MS ms,
 *   BENCH fault_touch_ratio THP/4K x
 * and INFO lines with the page faults and THP faults each touch took, so a
 * slow result can be told apart from a THP that did not happen.
 * usage: bench_fault_touch [MiB]        (default 256) */
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

/* Touches len bytes with the given advice; returns ms and reports the faults. */
static double touch(size_t len, int advice, const char *what)
{
	char *p = mmap_aligned(len, HPAGE_SIZE);
	madvise(p, len, advice);
	long pgfault0 = vmstat("pgfault"), thp0 = vmstat("thp_fault_alloc");
	char label[64];
	snprintf(label, sizeof(label), "fault_touch_%s", what);
	phase(label);
	double t0 = now_ns();
	for (size_t off = 0; off < len; off += PAGE_SIZE)
		((volatile char *)p)[off] = 1;
	double ms = (now_ns() - t0) / 1e6;
	phase(NULL);
	printf("INFO fault_touch_%s: pgfault +%ld thp_fault_alloc +%ld AnonHugePages %ld kB of %zu kB\n",
	       what, vmstat("pgfault") - pgfault0, vmstat("thp_fault_alloc") - thp0,
	       smaps_kb(p, "AnonHugePages"), len / KB);
	munmap(p, len);
	return ms;
}

int main(int argc, char **argv)
{
	size_t len = (argc > 1 ? strtoul(argv[1], NULL, 0) : 256) * MB;

	hello("fault_touch");
	thp_set_enabled("madvise");
	double thp = touch(len, MADV_HUGEPAGE, "thp");
	double small = touch(len, MADV_NOHUGEPAGE, "4k");
	printf("BENCH fault_touch_thp %.1f ms\n", thp);
	printf("BENCH fault_touch_4k %.1f ms\n", small);
	printf("BENCH fault_touch_ratio %.3f x\n", thp / small);
	fflush(stdout);
	return 0;
}
