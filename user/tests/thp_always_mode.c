/* thp_always_mode: with enabled=always, a 2 MiB-aligned 16 MiB range gets huge pages
 * without any madvise: AnonHugePages 16384 kB, THPeligible 1, no hg flag needed. */
#include "testlib.h"

#include <sys/mman.h>

#define LEN (16 * MB)

int main(void)
{
	thp_set_enabled("always");
	char *p = mmap_aligned(LEN, HPAGE_SIZE);
	long alloc0 = vmstat("thp_fault_alloc");

	fill_pattern(p, LEN, 33);
	EXPECT_EQ("smaps AnonHugePages (kB)", smaps_kb(p, "AnonHugePages"), 16384);
	EXPECT_EQ("smaps THPeligible", smaps_thp_eligible(p), 1);
	EXPECT(!has_vmflag(p, "hg"), "smaps VmFlags: expected no hg (no madvise), saw \"%s\"", smaps_vmflags(p));
	EXPECT_DELTA("thp_fault_alloc", vmstat("thp_fault_alloc") - alloc0, 8);
	EXPECT_EQ("data read back (first bad offset)", check_pattern(p, LEN, 33), -1);
	test_done();
}
