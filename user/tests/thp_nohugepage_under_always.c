/* thp_nohugepage_under_always: with enabled=always, MADV_NOHUGEPAGE keeps a range on
 * 4 KiB pages (AnonHugePages 0, VmFlags nh, THPeligible 0); applied to the middle 4 MiB
 * of 8 MiB it splits the VMA in three and only the two outer 2 MiB ranges go huge. */
#include "testlib.h"

#include <sys/mman.h>

#define LEN (8 * MB)

int main(void)
{
	thp_set_enabled("always");
	char *p = mmap_aligned(LEN, HPAGE_SIZE);
	REQUIRE(madvise(p, LEN, MADV_NOHUGEPAGE) == 0, "madvise(MADV_NOHUGEPAGE): expected 0, saw %s", errno_name(errno));
	fill_pattern(p, LEN, 34);
	EXPECT_EQ("smaps AnonHugePages (kB) under MADV_NOHUGEPAGE", smaps_kb(p, "AnonHugePages"), 0);
	EXPECT_EQ("smaps THPeligible under MADV_NOHUGEPAGE", smaps_thp_eligible(p), 0);
	EXPECT(has_vmflag(p, "nh"), "smaps VmFlags: expected nh, saw \"%s\"", smaps_vmflags(p));

	char *q = mmap_aligned(LEN, HPAGE_SIZE);
	REQUIRE(madvise(q + 2 * MB, 4 * MB, MADV_NOHUGEPAGE) == 0, "madvise(middle, MADV_NOHUGEPAGE): expected 0, saw %s",
		errno_name(errno));
	EXPECT_EQ("VMAs after MADV_NOHUGEPAGE of the middle", maps_count(q, LEN), 3);
	fill_pattern(q, LEN, 35);
	EXPECT_EQ("AnonHugePages (kB) of the first 2 MiB", smaps_kb(q, "AnonHugePages"), 2048);
	EXPECT_EQ("AnonHugePages (kB) of the middle 4 MiB", smaps_kb(q + 2 * MB, "AnonHugePages"), 0);
	EXPECT_EQ("AnonHugePages (kB) of the last 2 MiB", smaps_kb(q + 6 * MB, "AnonHugePages"), 2048);
	EXPECT_EQ("data read back (first bad offset)", check_pattern(q, LEN, 35), -1);
	EXPECT_EQ("data read back (first bad offset)", check_pattern(p, LEN, 34), -1);
	test_done();
}
