/* madv_collapse: madvise(MADV_COLLAPSE) collapses populated 4 KiB pages into huge
 * pages at once, in the caller, in madvise mode without MADV_HUGEPAGE and with the
 * default khugepaged sleep (thp_collapse_alloc +2, data intact); it fails with EINVAL
 * for an unaligned start or a MADV_NOHUGEPAGE range, ENOMEM for a range with a hole. */
#include "testlib.h"

#include <sys/mman.h>

#define LEN (4 * MB)

int main(void)
{
	if (!kernel_at_least(6, 1))
		test_skip("MADV_COLLAPSE appeared in Linux 6.1");
	thp_set_enabled("madvise");
	char *p = mmap_aligned(LEN, HPAGE_SIZE);
	fill_pattern(p, LEN, 56);
	EXPECT_EQ("AnonHugePages (kB) before", smaps_kb(p, "AnonHugePages"), 0);
	long alloc0 = vmstat("thp_collapse_alloc");

	EXPECT_EQ("madvise(4 MiB, MADV_COLLAPSE)", madvise(p, LEN, MADV_COLLAPSE), 0);
	EXPECT_EQ("AnonHugePages (kB) right after MADV_COLLAPSE", smaps_kb(p, "AnonHugePages"), 4096);
	EXPECT_DELTA("thp_collapse_alloc", vmstat("thp_collapse_alloc") - alloc0, 2);
	EXPECT_EQ("data after MADV_COLLAPSE (first bad offset)", check_pattern(p, LEN, 56), -1);
	check_deposited("after MADV_COLLAPSE");

	EXPECT_ERRNO("MADV_COLLAPSE at an unaligned address", madvise(p + 1, HPAGE_SIZE, MADV_COLLAPSE), EINVAL);
	char *nh = mmap_aligned(HPAGE_SIZE, HPAGE_SIZE);
	madvise(nh, HPAGE_SIZE, MADV_NOHUGEPAGE);
	touch_pages(nh, HPAGE_SIZE);
	EXPECT_ERRNO("MADV_COLLAPSE of a MADV_NOHUGEPAGE range", madvise(nh, HPAGE_SIZE, MADV_COLLAPSE), EINVAL);
	char *holed = mmap_aligned(6 * MB, HPAGE_SIZE);
	touch_pages(holed, 6 * MB);
	munmap(holed + 2 * MB, 2 * MB);
	EXPECT_ERRNO("MADV_COLLAPSE over a hole", madvise(holed, 6 * MB, MADV_COLLAPSE), ENOMEM);
	test_done();
}
