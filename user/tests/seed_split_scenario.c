/* seed_split_scenario: the course note's story, end to end. A maps and writes huge
 * pages and forks B (both map them with huge PMDs); A munmaps part of each: A's PMDs
 * split, B's stay huge; B munmaps the same part: B's PMDs split, the huge pages are
 * mapped by no PMD and their unmapped subpages by nobody, so they wait on the deferred
 * split queue (thp_deferred_split_page). Then memory pressure from a third process
 * makes reclaim split them (thp_split_page), the subpages nobody maps are freed (the
 * free page count grows by exactly them), a huge page nobody unmapped stays huge, and
 * A and B still read all their data.
 *
 * The note tells it with one huge page and one 4 KiB subpage. Here 16 huge pages each
 * lose 1 MiB, for two reasons that come from Linux 6.1: its deferred-split shrinker is
 * asked to scan (queued >> priority) * 4 / seeks objects, which is 0 for a queue of
 * one at every priority kswapd uses, so one lone page is split only on the way to the
 * OOM killer; and 4 KiB freed cannot be told from the free count's noise, 16 MiB can.
 * The pressure part needs a guest of at most 2 GiB; on a bigger machine the test
 * checks the first steps and then skips. */
#include "testlib.h"

#include <sys/mman.h>
#include <sys/wait.h>

#define NSPLIT 16			/* huge pages A and B unmap part of */
#define LEN ((NSPLIT + 1) * HPAGE_SIZE)	/* and one they leave whole */
#define HOLE (HPAGE_SIZE / 2)		/* the part: the upper half of each */
#define SEED 61

static char *p;
static int cmd[2], rep[2];

static char *huge(int i)
{
	return p + i * HPAGE_SIZE;
}

/* What A and B still map holds its data: the lower half of each split huge page,
 * all of the whole one. */
static int data_intact(void)
{
	for (int i = 0; i < NSPLIT; i++)
		if (check_pattern(huge(i), HPAGE_SIZE - HOLE, SEED) != -1)
			return 0;
	return check_pattern(huge(NSPLIT), HPAGE_SIZE, SEED) == -1;
}

static int unmap_holes(void)
{
	int ok = 1;

	for (int i = 0; i < NSPLIT; i++)
		ok &= munmap(huge(i) + HPAGE_SIZE - HOLE, HOLE) == 0;
	return ok;
}

/* B: 'u' munmap the holes, 'c' check its data, anything else exit. */
static void process_b(void)
{
	for (;;) {
		char c = recv_byte(cmd[0]);
		int ok;
		if (c == 'u')
			ok = unmap_holes();
		else if (c == 'c')
			ok = data_intact();
		else
			_exit(0);
		send_byte(rep[1], ok ? 'y' : 'n');
	}
}

static void order_b(char c, const char *what)
{
	send_byte(cmd[1], c);
	EXPECT(recv_byte(rep[0]) == 'y', "B %s: expected success, saw failure", what);
}

static void huge_kb(const char *what, pid_t pid, long want)
{
	char label[96];

	snprintf(label, sizeof(label), "%s's AnonHugePages (kB) %s", pid ? "B" : "A", what);
	EXPECT_EQ(label, smaps_sum(pid, p, LEN, "AnonHugePages"), want);
}

static void end_b(pid_t b)
{
	send_byte(cmd[1], 'x');
	wait_status(b);
}

int main(void)
{
	thp_set_enabled("madvise");
	p = thp_region(LEN);
	fill_pattern(p, LEN, SEED);
	REQUIRE(pipe(cmd) == 0 && pipe(rep) == 0, "pipe: expected 0, saw %s", errno_name(errno));

	/* 1. A forks B: both map the same huge pages with huge PMDs. */
	pid_t b = xfork();
	if (b == 0)
		process_b();
	huge_kb("after fork", 0, (NSPLIT + 1) * HPAGE_KB);
	huge_kb("after fork", b, (NSPLIT + 1) * HPAGE_KB);
	long split_pmd0 = vmstat("thp_split_pmd"), deferred0 = vmstat("thp_deferred_split_page");

	/* 2. A munmaps 1 MiB of each of 16: only A's PMDs split (split_huge_pmd works on
	 *    one process's mapping); B keeps its huge PMDs. */
	EXPECT(unmap_holes(), "step 2: A's munmaps: expected 0, saw failure");
	EXPECT_DELTA("step 2: thp_split_pmd", vmstat("thp_split_pmd") - split_pmd0, NSPLIT);
	huge_kb("after A's munmaps", 0, HPAGE_KB);
	huge_kb("after A's munmaps", b, (NSPLIT + 1) * HPAGE_KB);

	/* 3. B munmaps the same: no huge PMD maps those 16 any more, and half of each
	 *    is mapped by nobody: they are queued for deferred split. */
	order_b('u', "munmaps of the same ranges");
	EXPECT_DELTA("step 3: thp_split_pmd", vmstat("thp_split_pmd") - split_pmd0, 2 * NSPLIT);
	huge_kb("after B's munmaps", b, HPAGE_KB);
	EXPECT_DELTA("step 3: thp_deferred_split_page", vmstat("thp_deferred_split_page") - deferred0, NSPLIT);
	check_deposited("step 3");
	EXPECT(data_intact(), "A's data after step 3: expected intact, saw a difference");

	/* 4. Memory pressure: reclaim splits the 16 and frees the halves nobody maps. */
	if (meminfo_kb("MemTotal") > 2 * 1024 * 1024) {
		end_b(b);
		test_skip("steps 1-3 passed; step 4 (memory pressure) needs a guest of at most 2 GiB");
	}
	long split0 = vmstat("thp_split_page"), free0 = free_pages_now();
	int st = memory_pressure(split0 + NSPLIT);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	       "step 4: pressure process (until thp_split_page grows by %d): expected exited 0, saw %s", NSPLIT,
	       status_text(st));
	EXPECT_DELTA("step 4: thp_split_page", vmstat("thp_split_page") - split0, NSPLIT);
	/* The pressure process's own memory is all free again once it has exited; what
	 * is free on top of that is what the splits gave back. thpkernel frees exactly
	 * those pages (a few pages of slack: a page table or kernel stack the pressure
	 * process's fork allocated may stay). Linux may also have shrunk its caches under
	 * the pressure, so there they are a minimum. */
	long freed = free_pages_now() - free0, want = NSPLIT * HOLE / PAGE_SIZE;
	EXPECT_GE("step 4: free pages after the pressure process exited, minus before it started", freed,
		  is_thpkernel() ? want - 4 : want * 7 / 8);
	if (is_thpkernel())
		EXPECT(freed <= want + 4, "step 4: free pages after the pressure, minus before: expected %ld (+-4), saw %ld",
		       want, freed);
	huge_kb("after the pressure (the huge page nobody unmapped)", 0, HPAGE_KB);
	huge_kb("after the pressure (the huge page nobody unmapped)", b, HPAGE_KB);
	EXPECT(data_intact(), "A's data after the huge pages split: expected intact, saw a difference");
	order_b('c', "data after the huge pages split");
	end_b(b);
	test_done();
}
