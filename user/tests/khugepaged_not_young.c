/* khugepaged_not_young: pages whose accessed bits were cleared (write "1" to
 * /proc/self/clear_refs) are not collapsed (seed question 1: none recently used;
 * SCAN_LACK_REFERENCED_PAGE on thpkernel); after one read of one page in the first of
 * two ranges, that range is collapsed and the untouched one still is not. */
#include "testlib.h"

#include <sys/mman.h>

static char *a;

static int a_huge(void *unused)
{
	(void)unused;
	return smaps_kb(a, "AnonHugePages") == HPAGE_KB;
}

int main(void)
{
	thp_set_enabled("madvise");
	a = mmap_aligned(6 * MB, HPAGE_SIZE);
	char *b = a + 4 * MB;
	madvise(a, 6 * MB, MADV_NOHUGEPAGE);
	fill_pattern(a, 6 * MB, 54);
	munmap(a + 2 * MB, 2 * MB);   /* two VMAs, so smaps tells the ranges apart */

	int r = write_file("/proc/self/clear_refs", "1");
	if (r == -ENOENT && !is_thpkernel())
		test_skip("no /proc/self/clear_refs");
	REQUIRE(r == 0, "write \"1\" to /proc/self/clear_refs: expected success, saw %s", errno_name(-r));
	madvise(a, 2 * MB, MADV_HUGEPAGE);
	madvise(b, 2 * MB, MADV_HUGEPAGE);
	long lack0 = scan_result("SCAN_LACK_REFERENCED_PAGE");
	khugepaged_fast();

	EXPECT(wait_full_scans(2, khugepaged_timeout_ms()), "khugepaged full_scans: expected +2, saw fewer");
	EXPECT_EQ("AnonHugePages (kB) of range A, not young", smaps_kb(a, "AnonHugePages"), 0);
	EXPECT_EQ("AnonHugePages (kB) of range B, not young", smaps_kb(b, "AnonHugePages"), 0);
	if (is_thpkernel())
		EXPECT(scan_result("SCAN_LACK_REFERENCED_PAGE") >= lack0 + 2,
		       "scan_results SCAN_LACK_REFERENCED_PAGE: expected at least %ld, saw %ld", lack0 + 2,
		       scan_result("SCAN_LACK_REFERENCED_PAGE"));

	EXPECT(((volatile char *)a)[3 * PAGE_SIZE] == ((char *)&(unsigned long){ pattern_word(a + 3 * PAGE_SIZE, 54) })[0],
	       "byte read from range A: expected its pattern");
	EXPECT(wait_for(a_huge, NULL, khugepaged_timeout_ms()),
	       "range A after one page was read: expected collapsed, saw AnonHugePages %ld kB", smaps_kb(a, "AnonHugePages"));
	EXPECT(wait_full_scans(2, khugepaged_timeout_ms()), "khugepaged full_scans: expected +2, saw fewer");
	EXPECT_EQ("AnonHugePages (kB) of range B, still not young", smaps_kb(b, "AnonHugePages"), 0);
	EXPECT_EQ("range A data (first bad offset)", check_pattern(a, 2 * MB, 54), -1);
	EXPECT_EQ("range B data (first bad offset)", check_pattern(b, 2 * MB, 54), -1);
	test_done();
}
