/* bench_policies: thpkernel's two THP policies side by side (docs/policies.md).
 * thp_policy=linux: a THP at the first fault of a 2 MiB range, or a copy by
 * khugepaged / MADV_COLLAPSE later; thp_policy=reserve: FreeBSD's reservations,
 * 4 KiB faults and a promotion in place once a range is full. For each policy:
 *  - fault_touch: first touch of MiB (one write per 4 KiB page, MADV_HUGEPAGE),
 *    its time, the THPs it ended with, and the worst single fault
 *    (/sys/kernel/debug/thp/latency);
 *  - to_huge: how long the work that made those THPs took: the 2 MiB faults'
 *    zeroing (linux) or the promotions (reserve), and for linux also a
 *    MADV_COLLAPSE of the same amount populated in 4 KiB pages (the copy);
 *  - sparse: one page written per 64 KiB of MiB: Rss, AnonHugePages, and the
 *    memory the policy took from the free lists (nr_free_pages);
 *  - tlb: dependent random reads, one per 4 KiB page, over the touched range.
 * Prints "BENCH policy_NAME_POLICY value unit" lines (Linux has only "linux").
 * usage: bench_policies [MiB]       (default 64) */
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

/* count, sum and max (ns) of one latency histogram; zeros when absent */
static void latency(const char *name, long *count, long *sum, long *max)
{
	char *text = read_file_alloc("/sys/kernel/debug/thp/latency"), n[32];
	*count = *sum = *max = 0;
	for (char *l = text; l && *l; ) {
		long c, s, m;
		if (sscanf(l, "%31s count %ld sum_ns %ld max_ns %ld", n, &c, &s, &m) == 4 && !strcmp(n, name)) {
			*count = c, *sum = s, *max = m;
			break;
		}
		l = strchr(l, '\n');
		l = l ? l + 1 : NULL;
	}
	free(text);
}

/* ns per dependent read, one per 4 KiB page of p in a random cyclic order */
static double tlb(char *p, size_t len)
{
	size_t n = len / PAGE_SIZE, accesses = 1 << 20;
	size_t *order = malloc(n * sizeof(*order));
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	srand(7);
	for (size_t i = n - 1; i > 0; i--) {
		size_t j = rand() % (i + 1), t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
	for (size_t i = 0; i < n; i++)
		*(char **)(p + order[i] * PAGE_SIZE) = p + order[(i + 1) % n] * PAGE_SIZE;
	free(order);
	char *q = p;
	double t0 = now_ns();
	for (size_t i = 0; i < accesses; i++)
		q = *(char **)q;
	double ns = (now_ns() - t0) / accesses;
	return q ? ns : -1;
}

static void run(const char *policy, size_t len)
{
	long c0, s0, m0, c1, s1, m1;

	write_file("/sys/kernel/debug/thp/latency", "0");
	char *p = mmap_aligned(len, HPAGE_SIZE);
	madvise(p, len, MADV_HUGEPAGE);
	double t0 = now_ns();
	for (size_t off = 0; off < len; off += PAGE_SIZE)
		((volatile char *)p)[off] = 1;
	double ms = (now_ns() - t0) / 1e6;
	latency("fault_4k", &c0, &s0, &m0);
	latency("fault_2m", &c1, &s1, &m1);
	printf("BENCH policy_fault_touch_%s %.1f ms\n", policy, ms);
	printf("BENCH policy_fault_max_%s %.1f us\n", policy, (m0 > m1 ? m0 : m1) / 1e3);
	printf("INFO fault_touch_%s: %ld faults of 4 KiB, %ld of 2 MiB, AnonHugePages %ld of %zu kB\n", policy,
	       c0, c1, smaps_kb(p, "AnonHugePages"), len / KB);
	if (!strcmp(policy, "linux")) {
		printf("BENCH policy_to_huge_%s %.1f ms\n", policy, s1 / 1e6);
		printf("INFO to_huge_linux: the %ld 2 MiB faults, zeroing included\n", c1);
	} else {
		long c, s, m;
		latency("promote", &c, &s, &m);
		printf("BENCH policy_to_huge_%s %.1f ms\n", policy, s / 1e6);
		printf("INFO to_huge_reserve: %ld promotions in place, the slowest %.1f us\n", c, m / 1e3);
	}
	printf("BENCH policy_tlb_%s %.1f ns\n", policy, tlb(p, len));
	munmap(p, len);

	if (!strcmp(policy, "linux")) {
		char *c = mmap_aligned(len, HPAGE_SIZE);	/* no MADV_HUGEPAGE: 4 KiB pages */
		for (size_t off = 0; off < len; off += PAGE_SIZE)
			c[off] = 1;
		t0 = now_ns();
		int r = madvise(c, len, MADV_COLLAPSE);
		printf("BENCH policy_collapse_copy_linux %.1f ms\n", (now_ns() - t0) / 1e6);
		printf("INFO collapse_copy_linux: MADV_COLLAPSE returned %d, AnonHugePages %ld kB\n", r,
		       smaps_kb(c, "AnonHugePages"));
		munmap(c, len);
	}

	long free0 = vmstat("nr_free_pages");
	char *s = mmap_aligned(len, HPAGE_SIZE);
	madvise(s, len, MADV_HUGEPAGE);
	for (size_t off = 0; off < len; off += 64 * KB)
		s[off] = 1;
	printf("BENCH policy_sparse_taken_%s %ld kB\n", policy, (free0 - vmstat("nr_free_pages")) * 4);
	printf("BENCH policy_sparse_rss_%s %ld kB\n", policy, smaps_kb(s, "Rss"));
	printf("INFO sparse_%s: AnonHugePages %ld kB, %zu kB written\n", policy, smaps_kb(s, "AnonHugePages"),
	       len / (64 * KB) * 4);
	munmap(s, len);
	fflush(stdout);
}

int main(int argc, char **argv)
{
	size_t len = (argc > 1 ? strtoul(argv[1], NULL, 0) : 64) * MB;
	struct utsname u;

	uname(&u);
	printf("bench: policies on %s %s\n", u.sysname, u.release);
	fflush(stdout);
	thp_set_enabled("madvise");
	thp_set_long("khugepaged/max_ptes_none", 0);	/* khugepaged stays out of the sparse part */
	if (thp_set("thp_policy", "linux") == 0) {
		run("linux", len);
		thp_set("thp_policy", "reserve");
		run("reserve", len);
	} else {
		run("linux", len);
	}
	return 0;
}
