/* bench_tlb_random: dependent random reads (pointer chasing) over a 512 MiB
 * buffer, one read per visited 4 KiB page in a random cyclic order, so every
 * read needs a translation the TLB is unlikely to hold: first with the buffer
 * in huge pages (MADV_HUGEPAGE), then in 4 KiB pages (MADV_NOHUGEPAGE). Prints
 *   BENCH tlb_random_thp NS ns, BENCH tlb_random_4k NS ns  (per access),
 *   BENCH tlb_random_ratio THP/4K x
 * The program cannot tell KVM from TCG: under TCG the "TLB" is QEMU's
 * software TLB, whose entries are 4 KiB even for a 2 MiB page, so huge pages
 * only shorten the page walk of a miss; the numbers mean hardware TLB
 * behaviour under KVM only (the bench table says which accelerator ran).
 * usage: bench_tlb_random [MiB [accesses]]     (default 512, 4194304) */
#include "bench.h"

#include <sys/mman.h>

static double chase(size_t len, int advice, long accesses, const char *what)
{
	char *p = mmap_aligned(len, HPAGE_SIZE);
	madvise(p, len, advice);
	touch_pages(p, len);
	void *start = page_cycle(p, len / PAGE_SIZE);

	char label[64];
	snprintf(label, sizeof(label), "tlb_random_%s", what);
	bench_phase(label);
	double ns = chase_ns(start, accesses);
	bench_phase(NULL);
	printf("INFO tlb_random_%s: AnonHugePages %ld kB of %zu kB\n", what, smaps_kb(p, "AnonHugePages"), len / KB);
	munmap(p, len);
	return ns;
}

int main(int argc, char **argv)
{
	size_t len = (argc > 1 ? strtoul(argv[1], NULL, 0) : 512) * MB;
	long accesses = argc > 2 ? atol(argv[2]) : 1L << 22;

	bench_hello("tlb_random");
	thp_set_enabled("madvise");
	double thp = chase(len, MADV_HUGEPAGE, accesses, "thp");
	double small = chase(len, MADV_NOHUGEPAGE, accesses, "4k");
	bench_value("tlb_random_thp", thp, "ns");
	bench_value("tlb_random_4k", small, "ns");
	bench_value("tlb_random_ratio", thp / small, "x");
	return 0;
}
