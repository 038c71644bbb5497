/* thp_seed_pattern_64mb: the course note's program, bounded: 64 MiB mapped with plain
 * mmap and MADV_HUGEPAGE, every byte written as (char)i and read back correctly, the
 * range backed by huge pages: 31 of the 32 (the first 2 MiB was read before it was
 * written, see below). */
#include "testlib.h"

#include <sys/mman.h>

#define LENGTH (64 * MB)

int main(void)
{
	thp_set_enabled("madvise");
	char *addr = mmap(NULL, LENGTH, PROT_READ | PROT_WRITE, MAP_ANONYMOUS | MAP_PRIVATE, -1, 0);
	REQUIRE(addr != MAP_FAILED, "mmap of 64 MiB: expected success, saw %s", errno_name(errno));
	REQUIRE(madvise(addr, LENGTH, MADV_HUGEPAGE) == 0, "madvise(MADV_HUGEPAGE): expected 0, saw %s", errno_name(errno));

	EXPECT_EQ("first hex of the new mapping", *(unsigned int *)addr, 0);
	for (unsigned long i = 0; i < LENGTH; i++)
		addr[i] = (char)i;
	unsigned long bad = LENGTH;
	for (unsigned long i = 0; i < LENGTH; i++)
		if (addr[i] != (char)i) {
			bad = i;
			break;
		}
	EXPECT(bad == LENGTH, "byte %lu: expected %d, saw %d", bad, (char)bad, bad < LENGTH ? addr[bad] : 0);
	/* The program reads the first bytes before writing them: that maps the
	 * huge zero page, and Linux 6.1's first write to it splits the PMD and
	 * copies one 4 KiB page (do_huge_pmd_wp_page's fallback), so the first
	 * 2 MiB stays in small pages. Later Linux versions allocate a THP there. */
	long thps = smaps_kb(addr, "AnonHugePages") / HPAGE_KB;
	long aligned = !((unsigned long)addr & (HPAGE_SIZE - 1));
	/* (khugepaged may have collapsed that first range meanwhile: 32) */
	if (is_thpkernel() && aligned)
		EXPECT(thps == 31 || thps == 32, "smaps AnonHugePages: expected 31 huge pages (32 if khugepaged "
		       "collapsed the first range), saw %ld", thps);
	else
		EXPECT(thps >= 30 && thps <= 32, "smaps AnonHugePages: expected 30-32 huge pages, saw %ld", thps);
	test_done();
}
