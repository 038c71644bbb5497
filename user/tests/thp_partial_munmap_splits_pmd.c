/* thp_partial_munmap_splits_pmd: munmap of one 4 KiB page inside a huge page splits
 * that PMD only (thp_split_pmd +1, AnonHugePages 4096 -> 2048 kB, Rss -4 kB), every
 * other byte keeps its data, and the unmapped page kills a child that touches it. */
#include "testlib.h"

#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>

#define LEN (4 * MB)

static int touch(void *p) { return *(volatile char *)p == 9 ? 3 : 0; }

int main(void)
{
	thp_set_enabled("madvise");
	char *p = thp_region(LEN);
	fill_pattern(p, LEN, 37);
	EXPECT_EQ("AnonHugePages (kB) before", smaps_sum(0, p, LEN, "AnonHugePages"), 4096);
	check_deposited("before the munmap");

	long split0 = vmstat("thp_split_pmd");
	char *hole = p + HPAGE_SIZE + 2 * PAGE_SIZE;
	EXPECT_EQ("munmap of 4 KiB inside the second huge page", munmap(hole, PAGE_SIZE), 0);
	EXPECT_DELTA("thp_split_pmd", vmstat("thp_split_pmd") - split0, 1);
	EXPECT_EQ("AnonHugePages (kB) after", smaps_sum(0, p, LEN, "AnonHugePages"), 2048);
	EXPECT_EQ("Rss (kB) after", smaps_sum(0, p, LEN, "Rss"), 4092);
	EXPECT_EQ("AnonHugePages (kB) of the VMA holding the first huge page", smaps_kb(p, "AnonHugePages"), 2048);
	EXPECT_EQ("bytes before the hole (first bad offset)", check_pattern(p, hole - p, 37), -1);
	EXPECT_EQ("bytes after the hole (first bad offset)", check_pattern(hole + PAGE_SIZE, p + LEN - hole - PAGE_SIZE, 37), -1);
	int st = run_in_child(touch, hole + 100);
	EXPECT(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "child touching the unmapped page: expected SIGSEGV, saw %s",
	       status_text(st));
	check_deposited("after the split");
	test_done();
}
