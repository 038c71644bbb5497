/* thp_eligible_smaps: smaps THPeligible gives hugepage_vma_check's answer per VMA:
 * madvise mode needs MADV_HUGEPAGE, always mode does not, MADV_NOHUGEPAGE and never
 * mode forbid, and a VMA holding no whole 2 MiB-aligned 2 MiB range is never eligible. */
#include "testlib.h"

#include <sys/mman.h>

static void expect_eligible(const char *what, void *addr, int want)
{
	int saw = smaps_thp_eligible(addr);

	EXPECT(saw == want, "THPeligible of %s: expected %d, saw %d", what, want, saw);
}

int main(void)
{
	thp_set_enabled("madvise");
	char *hg = thp_region(4 * MB);
	char *plain = mmap_aligned(4 * MB, HPAGE_SIZE);
	char *small = mmap_aligned(1 * MB, HPAGE_SIZE);
	char *three = thp_region(3 * MB);
	char *nh = mmap_aligned(4 * MB, HPAGE_SIZE);
	char *odd = thp_region(4 * MB);

	madvise(small, 1 * MB, MADV_HUGEPAGE);
	madvise(nh, 4 * MB, MADV_NOHUGEPAGE);
	munmap(odd, 1 * MB);   /* leaves [1 MiB, 3 MiB) of a 2 MiB-aligned range: no whole huge page */
	munmap(odd + 3 * MB, 1 * MB);

	expect_eligible("a 4 MiB MADV_HUGEPAGE range (madvise mode)", hg, 1);
	expect_eligible("a 4 MiB range without madvise (madvise mode)", plain, 0);
	expect_eligible("a 1 MiB MADV_HUGEPAGE range", small, 0);
	expect_eligible("a 3 MiB MADV_HUGEPAGE range", three, 1);
	expect_eligible("a MADV_NOHUGEPAGE range (madvise mode)", nh, 0);
	expect_eligible("a 2 MiB MADV_HUGEPAGE range at a 1 MiB offset", odd + 1 * MB, 0);
	EXPECT(has_vmflag(nh, "nh") && !has_vmflag(nh, "hg"), "VmFlags after MADV_NOHUGEPAGE: expected nh without hg, saw \"%s\"",
	       smaps_vmflags(nh));

	thp_set_enabled("always");
	expect_eligible("a 4 MiB range without madvise (always mode)", plain, 1);
	expect_eligible("a MADV_NOHUGEPAGE range (always mode)", nh, 0);
	expect_eligible("a 1 MiB range (always mode)", small, 0);

	thp_set_enabled("never");
	expect_eligible("a MADV_HUGEPAGE range (never mode)", hg, 0);
	test_done();
}
