/* thp_fallback_fragmented: when no free 2 MiB block is left, a huge-page fault falls
 * back to 4 KiB pages: thp_fault_fallback +1 while plenty of memory is free, the range
 * holds no huge page, and its data is right. Fragmentation is made honestly, for a
 * guest of at most 2 GiB: defrag=never (no compaction in the fault), most free memory
 * filled with 4 KiB pages (MADV_NOHUGEPAGE), every other one of them freed again
 * (MADV_DONTNEED: free pages, but no two side by side), then huge faults, which take
 * the 2 MiB blocks still free until one finds none. */
#include "testlib.h"

#include <sys/mman.h>

#define EAT (512 * MB)

int main(void)
{
	skip_unless_small_memory();
	thp_set_enabled("madvise");
	if (thp_set("defrag", "never") != 0 && !is_thpkernel())
		test_skip("cannot set defrag to never");

	long free_kb = meminfo_kb("MemFree"), reserve_kb = 96 * 1024;
	REQUIRE(free_kb > 2 * reserve_kb, "MemFree: expected more than %ld kB, saw %ld kB", 2 * reserve_kb, free_kb);
	size_t fill_len = (size_t)(free_kb - reserve_kb) * KB & ~(HPAGE_SIZE - 1);
	char *fill = mmap(NULL, fill_len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	REQUIRE(fill != MAP_FAILED, "mmap of %zu MiB: expected success, saw %s", fill_len / MB, errno_name(errno));
	madvise(fill, fill_len, MADV_NOHUGEPAGE);
	touch_pages(fill, fill_len);
	for (size_t off = 0; off < fill_len; off += 2 * PAGE_SIZE)
		madvise(fill + off, PAGE_SIZE, MADV_DONTNEED);

	char *eat = thp_region(EAT);
	long fallback0 = vmstat("thp_fault_fallback");
	size_t k = 0;
	for (; k < EAT / HPAGE_SIZE; k++) {
		eat[k * HPAGE_SIZE] = 1;
		if (vmstat("thp_fault_fallback") != fallback0)
			break;
	}
	long free_then = meminfo_kb("MemFree");
	REQUIRE(k < EAT / HPAGE_SIZE, "huge faults: expected one to fall back within %lu MiB, saw none", EAT / MB);
	EXPECT_DELTA("thp_fault_fallback for the fault that found no 2 MiB block", vmstat("thp_fault_fallback") - fallback0, 1);
	EXPECT(free_then > (long)(fill_len / KB / 4), "MemFree at the fallback: expected above %lu kB (fragmented, not full), saw %ld kB",
	       fill_len / KB / 4, free_then);

	char *p = eat + k * HPAGE_SIZE;
	fill_pattern(p, HPAGE_SIZE, 45);
	munmap(fill, fill_len);   /* the checks below need no fragmented memory */
	EXPECT_EQ("AnonHugePages (kB): only the huge faults before the fallback", smaps_kb(eat, "AnonHugePages"),
		  (long)k * HPAGE_KB);
	EXPECT_EQ("Rss (kB) of the huge pages and the 2 MiB that fell back", smaps_kb(eat, "Rss"), (long)(k + 1) * HPAGE_KB);
	EXPECT_EQ("data of the range that fell back (first bad offset)", check_pattern(p, HPAGE_SIZE, 45), -1);
	test_done();
}
