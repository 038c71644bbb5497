/* thp_never_mode: with enabled=never, even a MADV_HUGEPAGE range gets 4 KiB pages:
 * AnonHugePages 0 and THPeligible 0, while VmFlags still shows hg. */
#include "testlib.h"

#include <sys/mman.h>

#define LEN (8 * MB)

int main(void)
{
	thp_set_enabled("never");
	char *p = thp_region(LEN);
	long alloc0 = vmstat("thp_fault_alloc");

	fill_pattern(p, LEN, 36);
	EXPECT_EQ("smaps AnonHugePages (kB)", smaps_kb(p, "AnonHugePages"), 0);
	EXPECT_EQ("smaps THPeligible", smaps_thp_eligible(p), 0);
	EXPECT(has_vmflag(p, "hg"), "smaps VmFlags: expected hg, saw \"%s\"", smaps_vmflags(p));
	if (is_thpkernel())
		EXPECT_EQ("thp_fault_alloc change", vmstat("thp_fault_alloc") - alloc0, 0);
	EXPECT_EQ("data read back (first bad offset)", check_pattern(p, LEN, 36), -1);
	test_done();
}
