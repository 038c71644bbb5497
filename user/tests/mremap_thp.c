/* mremap_thp: mremap moves huge pages without copying them. Moved to a 2 MiB-aligned
 * address, each huge PMD moves whole (thp_split_pmd +0, AnonHugePages the same, the
 * same PFNs: nothing copied); moved to an address 4 KiB off alignment, each huge PMD
 * must be split into PTEs first (thp_split_pmd +1 per THP, AnonHugePages 0, the same
 * PFNs). Growing a THP mapping in place keeps its huge pages, and the new part gets
 * its own on the first touch. The data survives every step. */
#include "testlib.h"

#include <sys/mman.h>

#define LEN (4 * MB)
#define SEED 41

/* A free 2 MiB-aligned range of len bytes (reserved PROT_NONE: MREMAP_FIXED
 * replaces it). */
static char *aligned_target(size_t len)
{
	char *p = mmap_aligned(len, HPAGE_SIZE);
	REQUIRE(mprotect(p, len, PROT_NONE) == 0, "mprotect PROT_NONE: %s", errno_name(errno));
	return p;
}

static uint64_t pfn_of(const void *p) { return PM_PFN(pagemap_entry(p)); }

/* The PFNs of the region's first page and of a page in its second THP, before it
 * moved (0: pagemap shows no PFNs, as for a non-root user on Linux). */
static uint64_t pfn0, pfn1;

/* Nothing was copied: the moved region at q has the same frames. */
static void expect_same_pfns(const char *when, const char *q)
{
	uint64_t a = pfn_of(q), b = pfn_of(q + HPAGE_SIZE + 5 * PAGE_SIZE);
	if (pfn0)
		EXPECT(a == pfn0 && b == pfn1, "PFNs after %s: expected %#llx and %#llx (no copy), saw %#llx and %#llx",
		       when, (unsigned long long)pfn0, (unsigned long long)pfn1, (unsigned long long)a,
		       (unsigned long long)b);
}

int main(void)
{
	thp_set_enabled("madvise");
	char *p = thp_region(LEN);
	fill_pattern(p, LEN, SEED);
	REQUIRE(smaps_sum(0, p, LEN, "AnonHugePages") == 4096,
		"AnonHugePages (kB) of the 4 MiB MADV_HUGEPAGE region before: expected 4096, saw %ld",
		smaps_sum(0, p, LEN, "AnonHugePages"));
	pfn0 = pfn_of(p);
	pfn1 = pfn_of(p + HPAGE_SIZE + 5 * PAGE_SIZE);

	/* 1. to a 2 MiB-aligned address: the huge PMDs move as they are */
	char *q = aligned_target(LEN);
	long split0 = vmstat("thp_split_pmd");
	char *r = mremap(p, LEN, LEN, MREMAP_MAYMOVE | MREMAP_FIXED, q);
	REQUIRE(r == q, "mremap to an aligned address: expected %p, saw %p (%s)", (void *)q, (void *)r,
		r == MAP_FAILED ? errno_name(errno) : "");
	EXPECT_DELTA("thp_split_pmd (aligned move)", vmstat("thp_split_pmd") - split0, 0);
	EXPECT_EQ("AnonHugePages (kB) after the aligned move", smaps_sum(0, q, LEN, "AnonHugePages"), 4096);
	EXPECT(has_vmflag(q, "hg"), "VmFlags after the move: expected hg (MADV_HUGEPAGE moves with the VMA)");
	EXPECT_EQ("bytes after the aligned move (first bad offset)", check_moved_pattern(q, LEN, SEED, p), -1);
	EXPECT_EQ("VMAs left at the old address", maps_count(p, LEN), 0);
	expect_same_pfns("the aligned move", q);
	check_deposited("after the aligned move");

	/* 2. to 4 KiB past an aligned address: every huge PMD is split, then its PTEs move */
	char *t = aligned_target(LEN + HPAGE_SIZE);
	char *u = t + PAGE_SIZE;
	split0 = vmstat("thp_split_pmd");
	r = mremap(q, LEN, LEN, MREMAP_MAYMOVE | MREMAP_FIXED, u);
	REQUIRE(r == u, "mremap to an unaligned address: expected %p, saw %p (%s)", (void *)u, (void *)r,
		r == MAP_FAILED ? errno_name(errno) : "");
	EXPECT_DELTA("thp_split_pmd (unaligned move)", vmstat("thp_split_pmd") - split0, 2);
	EXPECT_EQ("AnonHugePages (kB) after the unaligned move", smaps_sum(0, u, LEN, "AnonHugePages"), 0);
	EXPECT_EQ("Rss (kB) after the unaligned move", smaps_sum(0, u, LEN, "Rss"), 4096);
	EXPECT_EQ("bytes after the unaligned move (first bad offset)", check_moved_pattern(u, LEN, SEED, p), -1);
	expect_same_pfns("the unaligned move", u);
	check_deposited("after the unaligned move");
	munmap(t, LEN + HPAGE_SIZE + PAGE_SIZE);

	/* 3. growing a THP mapping in place: the new 2 MiB gets a THP of its own */
	char *g = thp_region(LEN + HPAGE_SIZE);
	/* free the top 2 MiB and the guard page above it: room to grow into */
	REQUIRE(munmap(g + LEN, HPAGE_SIZE + PAGE_SIZE) == 0, "munmap: %s", errno_name(errno));
	fill_pattern(g, LEN, SEED + 1);
	char *h = mremap(g, LEN, LEN + HPAGE_SIZE, 0);
	REQUIRE(h == g, "growing in place: expected %p, saw %p (%s)", (void *)g, (void *)h,
		h == MAP_FAILED ? errno_name(errno) : "");
	EXPECT_EQ("AnonHugePages (kB) after growing in place", smaps_sum(0, g, LEN + HPAGE_SIZE, "AnonHugePages"), 4096);
	fill_pattern(g + LEN, HPAGE_SIZE, SEED + 2);
	EXPECT_EQ("AnonHugePages (kB) after touching the new part", smaps_sum(0, g, LEN + HPAGE_SIZE, "AnonHugePages"),
		  6144);
	EXPECT_EQ("old bytes after growing (first bad offset)", check_pattern(g, LEN, SEED + 1), -1);
	EXPECT_EQ("new bytes after growing (first bad offset)", check_pattern(g + LEN, HPAGE_SIZE, SEED + 2), -1);
	check_deposited("after growing");
	test_done();
}
