/* collapse_bloat_counted (thpkernel only): a collapse of a 2 MiB range in which only 8
 * pages were written and 4 more only read (zero-page PTEs) adds 504 zero-filled
 * subpages: /proc/vmstat thp_collapse_bloat_pages grows by 504 and Rss by 2040 kB,
 * and /sys/kernel/debug/thp/bloat counts one more THP with 504 more zero-filled
 * subpages; writing into 100 of them leaves 404. The written data is intact. */
#include "testlib.h"

#include <sys/mman.h>

#define BLOAT "/sys/kernel/debug/thp/bloat"

static void read_bloat(long *thps, long *zero)
{
	char buf[128];
	*thps = *zero = -1;
	if (read_file(BLOAT, buf, sizeof(buf)) > 0)
		sscanf(buf, "thps %ld zero_subpages %ld", thps, zero);
}

int main(void)
{
	if (!is_thpkernel())
		test_skip("thp_collapse_bloat_pages and %s are thpkernel's own", BLOAT);
	thp_set_enabled("madvise");
	char *p = mmap_aligned(HPAGE_SIZE, HPAGE_SIZE);
	for (int i = 0; i < 8; i++)
		fill_pattern(p + i * 64 * PAGE_SIZE, PAGE_SIZE, 75);
	for (int i = 0; i < 4; i++)
		EXPECT_EQ("a read of an untouched page", p[(i * 64 + 32) * PAGE_SIZE], 0);
	EXPECT_EQ("Rss (kB) before the collapse", smaps_kb(p, "Rss"), 8 * 4);

	long thps0, zero0, bloat0 = vmstat("thp_collapse_bloat_pages");
	read_bloat(&thps0, &zero0);
	REQUIRE(bloat0 >= 0 && thps0 >= 0, "thp_collapse_bloat_pages and %s: expected to exist, saw %ld and %ld",
		BLOAT, bloat0, thps0);
	EXPECT_EQ("madvise(MADV_COLLAPSE)", madvise(p, HPAGE_SIZE, MADV_COLLAPSE), 0);
	EXPECT_EQ("AnonHugePages (kB) after the collapse", smaps_kb(p, "AnonHugePages"), HPAGE_KB);
	EXPECT_EQ("Rss (kB) after the collapse", smaps_kb(p, "Rss"), HPAGE_KB);
	EXPECT_DELTA("thp_collapse_bloat_pages", vmstat("thp_collapse_bloat_pages") - bloat0, 504);

	long thps1, zero1;
	read_bloat(&thps1, &zero1);
	EXPECT_EQ("bloat: THPs, change", thps1 - thps0, 1);
	EXPECT_EQ("bloat: zero-filled subpages, change", zero1 - zero0, 504);

	for (int i = 0; i < 100; i++)
		p[(2 * i + 1) * PAGE_SIZE] = 1;		/* odd pages: never one of the 8 written ones */
	long thps2, zero2;
	read_bloat(&thps2, &zero2);
	EXPECT_EQ("bloat: zero-filled subpages after writing 100 of them, change", zero2 - zero0, 404);
	for (int i = 0; i < 8; i++)
		EXPECT(check_pattern(p + i * 64 * PAGE_SIZE, PAGE_SIZE, 75) == -1,
		       "written page %d after the collapse: expected intact, saw a difference", i * 64);
	test_done();
}
