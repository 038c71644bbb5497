/* thp_madvise_16mb: in madvise mode, writing a 2 MiB-aligned 16 MiB range that has
 * MADV_HUGEPAGE faults in 8 huge pages: smaps AnonHugePages 16384 kB, VmFlags hg,
 * THPeligible 1, thp_fault_alloc and nr_anon_transparent_hugepages +8, meminfo
 * AnonHugePages +16384 kB, each 2 MiB backed by 512 contiguous PFNs starting at a
 * multiple of 512, and the data reads back. munmap gives it all back. */
#include "testlib.h"

#include <sys/mman.h>

#define LEN (16 * MB)

int main(void)
{
	thp_set_enabled("madvise");
	char *p = thp_region(LEN);
	long alloc0 = vmstat("thp_fault_alloc"), nr0 = vmstat("nr_anon_transparent_hugepages");
	long ahp0 = meminfo_kb("AnonHugePages");

	fill_pattern(p, LEN, 31);
	EXPECT_EQ("smaps AnonHugePages (kB)", smaps_kb(p, "AnonHugePages"), 16384);
	EXPECT_EQ("smaps THPeligible", smaps_thp_eligible(p), 1);
	EXPECT(has_vmflag(p, "hg"), "smaps VmFlags: expected hg, saw \"%s\"", smaps_vmflags(p));
	EXPECT_DELTA("thp_fault_alloc", vmstat("thp_fault_alloc") - alloc0, 8);
	EXPECT_DELTA("nr_anon_transparent_hugepages", vmstat("nr_anon_transparent_hugepages") - nr0, 8);
	EXPECT_DELTA("meminfo AnonHugePages (kB)", meminfo_kb("AnonHugePages") - ahp0, 16384);
	for (int i = 0; i < 8; i++) {
		char *h = p + i * HPAGE_SIZE;
		uint64_t first = PM_PFN(pagemap_entry(h));
		if (!first && !is_thpkernel())
			break;   /* PFNs hidden: not root */
		uint64_t second = PM_PFN(pagemap_entry(h + PAGE_SIZE)), last = PM_PFN(pagemap_entry(h + HPAGE_SIZE - PAGE_SIZE));
		EXPECT(first % 512 == 0 && second == first + 1 && last == first + 511,
		       "PFNs of huge page %d (pages 0, 1, 511): expected n*512, +1, +511, saw %#llx, %#llx, %#llx", i,
		       (unsigned long long)first, (unsigned long long)second, (unsigned long long)last);
	}
	EXPECT_EQ("data read back (first bad offset)", check_pattern(p, LEN, 31), -1);
	check_deposited("after 8 huge faults");

	munmap(p, LEN);
	if (is_thpkernel()) {
		EXPECT_EQ("nr_anon_transparent_hugepages after munmap", vmstat("nr_anon_transparent_hugepages"), nr0);
		EXPECT_EQ("meminfo AnonHugePages (kB) after munmap", meminfo_kb("AnonHugePages"), ahp0);
	}
	check_deposited("after munmap");
	test_done();
}
