/* reserve_policy_promotes_in_place (thpkernel only): with thp_policy=reserve
 * (/sys/kernel/mm/transparent_hugepage/thp_policy reads "linux [reserve]"), the first
 * write fault in a MADV_HUGEPAGE range maps the first page of a reserved, 2 MiB-aligned
 * block (pfn multiple of 512), each later fault the page at its own offset (pfn + i),
 * with no THP until the 512th page: then the range becomes one huge PMD in place
 * (AnonHugePages 2048 kB, the same pfns, thp_promote +1, thp_promote_copies_avoided
 * +512, no thp_fault_alloc and no collapse). A range read first (zero-page PTEs) and
 * then written is promoted too. Data is intact, the PTE table is deposited (a munmap
 * of one page splits the PMD as usual). A bad policy name is refused with EINVAL. */
#include "testlib.h"

#include <sys/mman.h>

#define POLICY "/sys/kernel/mm/transparent_hugepage/thp_policy"

static unsigned long pfn_of(const void *p) { return PM_PFN(pagemap_entry(p)); }

int main(void)
{
	char buf[64];

	if (!is_thpkernel())
		test_skip("thp_policy=reserve is thpkernel's own");
	thp_set_enabled("madvise");
	thp_must_set("thp_policy", "reserve");
	EXPECT(read_file(POLICY, buf, sizeof(buf)) > 0 && !strcmp(buf, "linux [reserve]\n"),
	       "%s: expected \"linux [reserve]\", saw \"%s\"", POLICY, buf);
	EXPECT_EQ("writing \"copy\" to thp_policy", write_file(POLICY, "copy"), -EINVAL);

	char *p = thp_region(2 * HPAGE_SIZE);
	long alloc0 = vmstat("thp_fault_alloc"), coll0 = vmstat("thp_collapse_alloc");
	long prom0 = vmstat("thp_promote"), avoided0 = vmstat("thp_promote_copies_avoided");
	long resv0 = vmstat("thp_reserv_alloc");

	fill_pattern(p, PAGE_SIZE, 79);
	unsigned long base = pfn_of(p);
	EXPECT(base && base % 512 == 0, "pfn of the first page: expected a multiple of 512, saw %#lx", base);
	EXPECT_DELTA("thp_reserv_alloc after the first fault", vmstat("thp_reserv_alloc") - resv0, 1);
	for (int i = 511; i >= 2; i--)		/* any order: each page lands at its offset */
		fill_pattern(p + i * PAGE_SIZE, PAGE_SIZE, 79);
	EXPECT_EQ("pfn of page 300", pfn_of(p + 300 * PAGE_SIZE), base + 300);
	EXPECT_EQ("AnonHugePages (kB) with 511 of 512 pages", smaps_kb(p, "AnonHugePages"), 0);
	EXPECT_EQ("Rss (kB) with 511 of 512 pages", smaps_kb(p, "Rss"), 511 * 4);
	fill_pattern(p + PAGE_SIZE, PAGE_SIZE, 79);
	EXPECT_EQ("AnonHugePages (kB) after the 512th page", smaps_kb(p, "AnonHugePages"), HPAGE_KB);
	EXPECT_DELTA("thp_promote", vmstat("thp_promote") - prom0, 1);
	EXPECT_DELTA("thp_promote_copies_avoided", vmstat("thp_promote_copies_avoided") - avoided0, 512);
	EXPECT_EQ("pfn of the first page after the promotion (in place)", pfn_of(p), base);
	EXPECT_EQ("pfn of page 511 after the promotion", pfn_of(p + 511 * PAGE_SIZE), base + 511);
	EXPECT_EQ("data of the promoted range (first bad offset)", check_pattern(p, HPAGE_SIZE, 79), -1);

	char *q = p + HPAGE_SIZE;
	EXPECT_EQ("a read of the second range", *(volatile char *)q, 0);
	fill_pattern(q, HPAGE_SIZE, 80);
	EXPECT_EQ("AnonHugePages (kB) after reading, then writing the second range", smaps_kb(p, "AnonHugePages"),
		  2 * HPAGE_KB);
	EXPECT_DELTA("thp_promote after the second range", vmstat("thp_promote") - prom0, 2);
	EXPECT_DELTA("thp_fault_alloc (no THP fault)", vmstat("thp_fault_alloc") - alloc0, 0);
	EXPECT_DELTA("thp_collapse_alloc (no copy)", vmstat("thp_collapse_alloc") - coll0, 0);
	check_deposited("after two promotions");

	long split0 = vmstat("thp_split_pmd");
	munmap(q + 7 * PAGE_SIZE, PAGE_SIZE);
	EXPECT_DELTA("thp_split_pmd after a munmap inside a promoted range", vmstat("thp_split_pmd") - split0, 1);
	EXPECT_EQ("data before the hole (first bad offset)", check_pattern(q, 7 * PAGE_SIZE, 80), -1);
	EXPECT_EQ("data after the hole (first bad offset)", check_pattern(q + 8 * PAGE_SIZE, HPAGE_SIZE - 8 * PAGE_SIZE, 80), -1);
	EXPECT_EQ("data of the first range (first bad offset)", check_pattern(p, HPAGE_SIZE, 79), -1);
	check_deposited("after the split");
	test_done();
}
