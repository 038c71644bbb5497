/* thp_dontneed_whole_zaps: MADV_DONTNEED of a whole 2 MiB huge page zaps the huge PMD
 * in place (no PMD split; AnonHugePages and Rss drop by 2048 kB; it reads zeros),
 * while MADV_DONTNEED of 4 KiB of another huge page splits that PMD (thp_split_pmd
 * +1) and zeroes only that page. */
#include "testlib.h"

#include <sys/mman.h>

#define LEN (4 * MB)

int main(void)
{
	thp_set_enabled("madvise");
	char *p = thp_region(LEN);
	fill_pattern(p, LEN, 44);
	EXPECT_EQ("AnonHugePages (kB) before", smaps_kb(p, "AnonHugePages"), 4096);

	long split0 = vmstat("thp_split_pmd");
	EXPECT_EQ("madvise(first 2 MiB, MADV_DONTNEED)", madvise(p, HPAGE_SIZE, MADV_DONTNEED), 0);
	if (is_thpkernel())
		EXPECT_EQ("thp_split_pmd change for a whole-PMD MADV_DONTNEED", vmstat("thp_split_pmd") - split0, 0);
	EXPECT_EQ("AnonHugePages (kB) after zapping the first huge page", smaps_kb(p, "AnonHugePages"), 2048);
	EXPECT_EQ("Rss (kB) after zapping the first huge page", smaps_kb(p, "Rss"), 2048);
	EXPECT_EQ("first non-zero byte of the zapped huge page", find_nonzero(p, HPAGE_SIZE), -1);
	check_deposited("after the whole-PMD zap");

	char *page = p + HPAGE_SIZE + 5 * PAGE_SIZE;
	split0 = vmstat("thp_split_pmd");
	EXPECT_EQ("madvise(4 KiB of the second huge page, MADV_DONTNEED)", madvise(page, PAGE_SIZE, MADV_DONTNEED), 0);
	EXPECT_DELTA("thp_split_pmd after a 4 KiB MADV_DONTNEED", vmstat("thp_split_pmd") - split0, 1);
	EXPECT_EQ("first non-zero byte of the zapped 4 KiB", find_nonzero(page, PAGE_SIZE), -1);
	EXPECT_EQ("rest of the second huge page before the page (first bad offset)",
		  check_pattern(p + HPAGE_SIZE, 5 * PAGE_SIZE, 44), -1);
	EXPECT_EQ("rest of the second huge page after the page (first bad offset)",
		  check_pattern(page + PAGE_SIZE, p + LEN - page - PAGE_SIZE, 44), -1);
	check_deposited("after the split");
	test_done();
}
