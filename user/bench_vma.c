/* bench_vma: the cost of finding a VMA in a process that has 10,000 of them
 * (10,000 pages mapped as one range, then every other page made read-only:
 * 10,000 alternate rw-p / r--p VMAs that cannot merge).
 *   BENCH vma_mmap US us     mmap of 4 KiB (kernel picks the address), mean of 2000
 *   BENCH vma_munmap US us   munmap of those mappings, mean of 2000
 *   BENCH vma_fault US us    first-touch write fault of the page of one of the
 *                            5,000 rw VMAs (find_vma, then a 4 KiB page), mean
 *                            of 5,000, in an order that jumps around
 *   BENCH vma_fault_1vma US us   the same faults in one single VMA, for comparison
 * usage: bench_vma [VMAs]     (default 10000) */
#include "bench.h"

#include <sys/mman.h>

#define NMAP 2000

int main(int argc, char **argv)
{
	long nvma = argc > 1 ? atol(argv[1]) : 10000;
	static void *maps[NMAP];

	bench_hello("vma");
	thp_set_enabled("madvise");
	int before = maps_count(NULL, 0);
	long pages = nvma | 1;   /* odd: i * 7919 % pages visits every page */
	size_t len = pages * PAGE_SIZE;
	char *p = mmap_guarded(len);
	madvise(p, len, MADV_NOHUGEPAGE);
	for (long i = 1; i < pages; i += 2)
		mprotect(p + i * PAGE_SIZE, PAGE_SIZE, PROT_READ);
	printf("INFO vma: %d VMAs in /proc/self/maps (%d before)\n", maps_count(NULL, 0), before);
	fflush(stdout);

	bench_phase("vma_mmap");
	double t0 = now_ns();
	for (int i = 0; i < NMAP; i++)
		maps[i] = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	double mmap_us = (now_ns() - t0) / 1e3 / NMAP;
	bench_phase(NULL);
	bench_phase("vma_munmap");
	t0 = now_ns();
	for (int i = 0; i < NMAP; i++)
		munmap(maps[i], PAGE_SIZE);
	double munmap_us = (now_ns() - t0) / 1e3 / NMAP;
	bench_phase(NULL);

	/* write faults on the rw (even) pages, visited in a jumping order */
	long rw = 0;
	bench_phase("vma_fault");
	t0 = now_ns();
	for (long i = 0; i < pages; i++) {
		long pg = (i * 7919) % pages;
		if (pg % 2 == 0) {
			((volatile char *)p)[pg * PAGE_SIZE] = 1;
			rw++;
		}
	}
	double fault_us = (now_ns() - t0) / 1e3 / rw;
	bench_phase(NULL);

	/* the same faults in one VMA */
	char *q = mmap_guarded(len);
	madvise(q, len, MADV_NOHUGEPAGE);
	munmap(p, len);
	rw = 0;
	bench_phase("vma_fault_1vma");
	t0 = now_ns();
	for (long i = 0; i < pages; i++) {
		long pg = (i * 7919) % pages;
		if (pg % 2 == 0) {
			((volatile char *)q)[pg * PAGE_SIZE] = 1;
			rw++;
		}
	}
	double one_us = (now_ns() - t0) / 1e3 / rw;
	bench_phase(NULL);

	bench_value("vma_mmap", mmap_us, "us");
	bench_value("vma_munmap", munmap_us, "us");
	bench_value("vma_fault", fault_us, "us");
	bench_value("vma_fault_1vma", one_us, "us");
	return 0;
}
