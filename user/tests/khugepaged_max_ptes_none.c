/* khugepaged_max_ptes_none: a 2 MiB range with only 8 of its 512 pages present is not
 * collapsed with max_ptes_none=0 (SCAN_EXCEED_NONE_PTE on thpkernel) and is with the
 * default 511: the 8 pages keep their data, the 504 others read as zeros. */
#include "testlib.h"

#include <sys/mman.h>

static char *p;

static int huge(void *unused)
{
	(void)unused;
	return smaps_kb(p, "AnonHugePages") == HPAGE_KB;
}

int main(void)
{
	thp_set_enabled("madvise");
	p = mmap_aligned(HPAGE_SIZE, HPAGE_SIZE);
	madvise(p, HPAGE_SIZE, MADV_NOHUGEPAGE);
	for (int i = 0; i < 512; i += 64)
		fill_pattern(p + i * PAGE_SIZE, PAGE_SIZE, 55);
	EXPECT_EQ("Rss (kB) with 8 pages present", smaps_kb(p, "Rss"), 32);

	thp_must_set("khugepaged/max_ptes_none", "0");
	long none0 = scan_result("SCAN_EXCEED_NONE_PTE");
	khugepaged_fast();
	madvise(p, HPAGE_SIZE, MADV_HUGEPAGE);
	EXPECT(wait_full_scans(2, khugepaged_timeout_ms()), "khugepaged full_scans: expected +2, saw fewer");
	EXPECT_EQ("AnonHugePages (kB) with max_ptes_none=0", smaps_kb(p, "AnonHugePages"), 0);
	if (is_thpkernel())
		EXPECT(scan_result("SCAN_EXCEED_NONE_PTE") > none0, "scan_results SCAN_EXCEED_NONE_PTE: expected more than %ld, saw %ld",
		       none0, scan_result("SCAN_EXCEED_NONE_PTE"));

	thp_must_set("khugepaged/max_ptes_none", "511");
	EXPECT(wait_for(huge, NULL, khugepaged_timeout_ms()), "AnonHugePages with max_ptes_none=511: expected 2048 kB, saw %ld kB",
	       smaps_kb(p, "AnonHugePages"));
	for (int i = 0; i < 512; i++) {
		char *page = p + i * PAGE_SIZE;
		long bad = i % 64 == 0 ? check_pattern(page, PAGE_SIZE, 55) : find_nonzero(page, PAGE_SIZE);
		if (bad != -1) {
			EXPECT(0, "page %d after the collapse: expected %s, saw a difference at byte %ld", i,
			       i % 64 == 0 ? "its data" : "zeros", bad);
			break;
		}
	}
	test_done();
}
