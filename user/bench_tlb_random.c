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

static uint64_t rng = 0x9E3779B97F4A7C15ULL;

static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* Links the pages of p into one random cycle (Sattolo's shuffle): each page
 * holds, at a random 64-byte line, the address of the next page's line. */
static void *build_cycle(char *p, size_t pages)
{
	uint32_t *order = malloc(pages * sizeof(*order));
	uint32_t *line = malloc(pages * sizeof(*line));

	for (size_t i = 0; i < pages; i++) {
		order[i] = i;
		line[i] = rnd() % (PAGE_SIZE / 64);
	}
	for (size_t i = pages - 1; i > 0; i--) {
		size_t j = rnd() % i;
		uint32_t t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
	for (size_t i = 0; i < pages; i++) {
		size_t a = order[i], b = order[(i + 1) % pages];
		*(void **)(p + a * PAGE_SIZE + line[a] * 64) = p + b * PAGE_SIZE + line[b] * 64;
	}
	void *start = p + order[0] * PAGE_SIZE + line[order[0]] * 64;
	free(order);
	free(line);
	return start;
}

static double chase(size_t len, int advice, long accesses, const char *what)
{
	char *p = mmap_aligned(len, HPAGE_SIZE);
	madvise(p, len, advice);
	touch_pages(p, len);
	void **q = build_cycle(p, len / PAGE_SIZE);

	char label[64];
	snprintf(label, sizeof(label), "tlb_random_%s", what);
	phase(label);
	for (long i = 0; i < accesses / 8; i++)   /* warm up */
		q = *q;
	double t0 = now_ns();
	for (long i = 0; i < accesses; i++)
		q = *q;
	double ns = (now_ns() - t0) / accesses;
	phase(NULL);
	printf("INFO tlb_random_%s: AnonHugePages %ld kB of %zu kB (end %p)\n", what,
	       smaps_kb(p, "AnonHugePages"), len / KB, (void *)q);
	munmap(p, len);
	return ns;
}

int main(int argc, char **argv)
{
	size_t len = (argc > 1 ? strtoul(argv[1], NULL, 0) : 512) * MB;
	long accesses = argc > 2 ? atol(argv[2]) : 1L << 22;

	hello("tlb_random");
	thp_set_enabled("madvise");
	double thp = chase(len, MADV_HUGEPAGE, accesses, "thp");
	double small = chase(len, MADV_NOHUGEPAGE, accesses, "4k");
	printf("BENCH tlb_random_thp %.1f ns\n", thp);
	printf("BENCH tlb_random_4k %.1f ns\n", small);
	printf("BENCH tlb_random_ratio %.3f x\n", thp / small);
	fflush(stdout);
	return 0;
}
