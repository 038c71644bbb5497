/* khugepaged_collapse_8mb: 8 MiB populated with 4 KiB pages (under MADV_NOHUGEPAGE),
 * then MADV_HUGEPAGE and a fast khugepaged: within a bounded wait AnonHugePages covers
 * the range, pages_collapsed and thp_collapse_alloc grew by 4, every byte is intact,
 * and (thpkernel) the deposited-table count equals the huge-PMD count. */
#include "testlib.h"

#include <sys/mman.h>

#define LEN (8 * MB)

static char *p;

static int all_huge(void *unused)
{
	(void)unused;
	return smaps_kb(p, "AnonHugePages") == (long)(LEN / KB);
}

int main(void)
{
	thp_set_enabled("madvise");
	p = mmap_aligned(LEN, HPAGE_SIZE);
	REQUIRE(madvise(p, LEN, MADV_NOHUGEPAGE) == 0, "madvise(MADV_NOHUGEPAGE): expected 0, saw %s", errno_name(errno));
	fill_pattern(p, LEN, 51);
	EXPECT_EQ("AnonHugePages (kB) before khugepaged", smaps_kb(p, "AnonHugePages"), 0);
	long collapsed0 = thp_get_long("khugepaged/pages_collapsed"), alloc0 = vmstat("thp_collapse_alloc");

	khugepaged_fast();
	REQUIRE(madvise(p, LEN, MADV_HUGEPAGE) == 0, "madvise(MADV_HUGEPAGE): expected 0, saw %s", errno_name(errno));
	long t0 = now_ms();
	int done = wait_for(all_huge, NULL, khugepaged_timeout_ms());
	EXPECT(done, "AnonHugePages after %ld ms of khugepaged: expected %lu kB, saw %ld kB", now_ms() - t0, LEN / KB,
	       smaps_kb(p, "AnonHugePages"));
	EXPECT_DELTA("khugepaged/pages_collapsed", thp_get_long("khugepaged/pages_collapsed") - collapsed0, 4);
	EXPECT_DELTA("thp_collapse_alloc", vmstat("thp_collapse_alloc") - alloc0, 4);
	EXPECT_EQ("data after the collapse (first bad offset)", check_pattern(p, LEN, 51), -1);
	check_deposited("after the collapse");
	test_done();
}
