/* split_while_huge_mapped: a huge page that process A still maps with a huge PMD,
 * while B has split its own PMD and unmapped one 4 KiB page, is queued for deferred
 * split on thpkernel (a subpage lost its last PTE mapping), and when reclaim splits
 * it, A's huge PMD is split first (A's AnonHugePages 0, thp_split_pmd +1) and every
 * byte A and B still map is intact. The pressure part needs a guest of at most 2 GiB.
 * Linux does not queue this page: in 6.1 its PageDoubleMap accounting still counts
 * each subpage of a PMD-mapped THP as mapped, and 6.3+ queues only pages that no huge
 * PMD maps; there the test skips. */
#include "testlib.h"

#include <sys/mman.h>
#include <sys/wait.h>

static char *p, *hole;
static int cmd[2], rep[2];
static pid_t b;

static void process_b(void)
{
	for (;;) {
		char c = recv_byte(cmd[0]);
		int ok = 1;
		if (c == 'u')
			ok = munmap(hole, PAGE_SIZE) == 0;
		else if (c == 'c')
			ok = check_pattern(p, hole - p, 64) == -1 &&
			     check_pattern(hole + PAGE_SIZE, p + HPAGE_SIZE - hole - PAGE_SIZE, 64) == -1;
		else
			_exit(0);
		send_byte(rep[1], ok ? 'y' : 'n');
	}
}

static int order_b(char c)
{
	send_byte(cmd[1], c);
	return recv_byte(rep[0]) == 'y';
}

static void finish(void)
{
	send_byte(cmd[1], 'x');
	wait_status(b);
}

int main(void)
{
	thp_set_enabled("madvise");
	p = thp_region(HPAGE_SIZE);
	hole = p + 7 * PAGE_SIZE;
	fill_pattern(p, HPAGE_SIZE, 64);
	REQUIRE(pipe(cmd) == 0 && pipe(rep) == 0, "pipe: expected 0, saw %s", errno_name(errno));
	b = xfork();
	if (b == 0)
		process_b();

	long deferred0 = vmstat("thp_deferred_split_page");
	EXPECT(order_b('u'), "B's munmap of 4 KiB: expected success");
	EXPECT_EQ("B's AnonHugePages (kB) after its munmap", smaps_sum(b, p, HPAGE_SIZE, "AnonHugePages"), 0);
	EXPECT_EQ("A's AnonHugePages (kB), still a huge PMD", smaps_kb(p, "AnonHugePages"), HPAGE_KB);
	long queued = vmstat("thp_deferred_split_page") - deferred0;
	if (!queued && !is_thpkernel()) {
		finish();
		test_skip("this Linux does not queue a huge page that a huge PMD still maps for deferred split");
	}
	EXPECT(queued >= 1, "thp_deferred_split_page after B unmapped a page A still maps by PMD: expected +1, saw %+ld", queued);
	if (meminfo_kb("MemTotal") > 2 * 1024 * 1024) {
		finish();
		test_skip("queued for deferred split; the split under memory pressure needs a guest of at most 2 GiB");
	}

	long split0 = vmstat("thp_split_page"), split_pmd0 = vmstat("thp_split_pmd");
	int st = memory_pressure(split0 + 1);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "pressure process (until thp_split_page grows): expected exited 0, saw %s",
	       status_text(st));
	EXPECT_DELTA("thp_split_page", vmstat("thp_split_page") - split0, 1);
	/* the pressure process is A's child: it maps the huge page by PMD too,
	 * so the page split splits two PMDs, A's and its own */
	EXPECT_DELTA("thp_split_pmd (A's PMD and the pressure child's, split by the page split)",
		     vmstat("thp_split_pmd") - split_pmd0, 2);
	EXPECT_EQ("A's AnonHugePages (kB) after the split", smaps_kb(p, "AnonHugePages"), 0);
	EXPECT_EQ("A's data after the split (first bad offset)", check_pattern(p, HPAGE_SIZE, 64), -1);
	EXPECT(order_b('c'), "B's data after the split: expected intact, saw a difference");
	finish();
	test_done();
}
