/* khugepaged_readonly_not_collapsed: a populated range made read-only by mprotect is
 * never collapsed (every PTE read-only: seed question 1), while a writable range of
 * the same process is; two further full scans later the read-only one is still 4 KiB
 * pages with its data, and (thpkernel) SCAN_PAGE_RO was counted. This is the rule of
 * the course note and of Linux up to 6.17; Linux 6.18 collapses read-only anonymous
 * ranges too (its khugepaged no longer returns SCAN_PAGE_RO for them), so there the
 * test skips. */
#include "testlib.h"

#include <sys/mman.h>

static char *ctl;

static int control_huge(void *unused)
{
	(void)unused;
	return smaps_kb(ctl, "AnonHugePages") == HPAGE_KB;
}

int main(void)
{
	if (!is_thpkernel() && kernel_at_least(6, 18))
		test_skip("Linux 6.18 and later collapse read-only anonymous ranges (no SCAN_PAGE_RO)");
	thp_set_enabled("madvise");
	char *ro = mmap_aligned(4 * MB, HPAGE_SIZE);
	ctl = mmap_aligned(HPAGE_SIZE, HPAGE_SIZE);
	madvise(ro, 4 * MB, MADV_NOHUGEPAGE);
	madvise(ctl, HPAGE_SIZE, MADV_NOHUGEPAGE);
	fill_pattern(ro, 4 * MB, 52);
	fill_pattern(ctl, HPAGE_SIZE, 53);
	REQUIRE(mprotect(ro, 4 * MB, PROT_READ) == 0, "mprotect(PROT_READ): expected 0, saw %s", errno_name(errno));
	long ro0 = scan_result("SCAN_PAGE_RO");

	khugepaged_fast();
	madvise(ro, 4 * MB, MADV_HUGEPAGE);
	madvise(ctl, HPAGE_SIZE, MADV_HUGEPAGE);
	REQUIRE(wait_for(control_huge, NULL, khugepaged_timeout_ms()),
		"writable control range: expected collapsed by khugepaged, saw AnonHugePages %ld kB", smaps_kb(ctl, "AnonHugePages"));
	EXPECT(wait_full_scans(2, khugepaged_timeout_ms()), "khugepaged full_scans: expected +2, saw fewer");
	EXPECT_EQ("AnonHugePages (kB) of the read-only range", smaps_kb(ro, "AnonHugePages"), 0);
	EXPECT_EQ("read-only data (first bad offset)", check_pattern(ro, 4 * MB, 52), -1);
	if (is_thpkernel())
		EXPECT(scan_result("SCAN_PAGE_RO") >= ro0 + 2, "scan_results SCAN_PAGE_RO: expected at least %ld, saw %ld", ro0 + 2,
		       scan_result("SCAN_PAGE_RO"));
	test_done();
}
