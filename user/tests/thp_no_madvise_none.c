/* thp_no_madvise_none: in madvise mode, a 2 MiB-aligned 16 MiB range without
 * MADV_HUGEPAGE gets only 4 KiB pages: AnonHugePages 0, Rss 16384 kB, THPeligible 0,
 * no hg flag, thp_fault_alloc unchanged (on thpkernel, where nothing else runs). */
#include "testlib.h"

#include <sys/mman.h>

#define LEN (16 * MB)

int main(void)
{
	thp_set_enabled("madvise");
	char *p = mmap_aligned(LEN, HPAGE_SIZE);
	long alloc0 = vmstat("thp_fault_alloc");

	fill_pattern(p, LEN, 32);
	EXPECT_EQ("smaps AnonHugePages (kB)", smaps_kb(p, "AnonHugePages"), 0);
	EXPECT_EQ("smaps Rss (kB)", smaps_kb(p, "Rss"), 16384);
	EXPECT_EQ("smaps THPeligible", smaps_thp_eligible(p), 0);
	EXPECT(!has_vmflag(p, "hg"), "smaps VmFlags: expected no hg, saw \"%s\"", smaps_vmflags(p));
	if (is_thpkernel())
		EXPECT_EQ("thp_fault_alloc change", vmstat("thp_fault_alloc") - alloc0, 0);
	EXPECT_EQ("data read back (first bad offset)", check_pattern(p, LEN, 32), -1);
	test_done();
}
