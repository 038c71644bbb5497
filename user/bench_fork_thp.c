/* bench_fork_thp: fork + child exit + wait of a process that has 256 MiB of
 * written anonymous memory, mapped with huge PMDs (MADV_HUGEPAGE: fork copies
 * 128 PMDs and deposits a page table for each) and with 4 KiB PTEs
 * (MADV_NOHUGEPAGE: 65,536 PTEs in 128 page tables to copy and then to free).
 * Mean of 20 rounds after 2 unmeasured ones. Prints BENCH fork_thp MS ms,
 * BENCH fork_4k MS ms, BENCH fork_ratio THP/4K x.
 * usage: bench_fork_thp [MiB [rounds]]     (default 256, 20) */
#include "bench.h"

#include <sys/mman.h>
#include <sys/wait.h>

static double forks(size_t len, int advice, int rounds, const char *what)
{
	char *p = mmap_aligned(len, HPAGE_SIZE);
	madvise(p, len, advice);
	touch_pages(p, len);
	printf("INFO fork_%s: AnonHugePages %ld kB of %zu kB\n", what, smaps_kb(p, "AnonHugePages"), len / KB);
	fflush(stdout);
	double total = 0;
	char label[64];
	snprintf(label, sizeof(label), "fork_%s", what);
	bench_phase(label);
	for (int i = -2; i < rounds; i++) {
		double t0 = now_ns();
		pid_t pid = fork();
		if (pid == 0)
			_exit(0);
		if (pid < 0 || wait_status(pid) != 0) {
			printf("INFO fork_%s: fork failed\n", what);
			break;
		}
		if (i >= 0)
			total += now_ns() - t0;
	}
	bench_phase(NULL);
	munmap(p, len);
	return total / rounds / 1e6;
}

int main(int argc, char **argv)
{
	size_t len = (argc > 1 ? strtoul(argv[1], NULL, 0) : 256) * MB;
	int rounds = argc > 2 ? atoi(argv[2]) : 20;

	bench_hello("fork_thp");
	thp_set_enabled("madvise");
	double thp = forks(len, MADV_HUGEPAGE, rounds, "thp");
	double small = forks(len, MADV_NOHUGEPAGE, rounds, "4k");
	bench_value("fork_thp", thp, "ms");
	bench_value("fork_4k", small, "ms");
	bench_value("fork_ratio", thp / small, "x");
	return 0;
}
