/* deposit_count_tracks_huge_pmds (thpkernel only): /proc/vmstat nr_pgtable_deposited
 * (one deposited PTE table per huge PMD, seed question 2) moves exactly with the huge
 * PMDs: +2 for two huge faults, +2 when fork copies them, -1 when the child's PMD
 * splits, -1 when the child exits, +1 for a MADV_COLLAPSE, -1 for a whole-PMD
 * MADV_DONTNEED, and equals the system's huge-PMD count at every step. */
#include "testlib.h"

#include <sys/mman.h>
#include <sys/wait.h>

static long base;

static void expect_step(const char *step, long delta)
{
	EXPECT_EQ(step, vmstat("nr_pgtable_deposited") - base, delta);
	check_deposited(step);
}

int main(void)
{
	int cmd[2], rep[2];

	if (!is_thpkernel())
		test_skip("nr_pgtable_deposited is thpkernel's own /proc/vmstat line");
	thp_set_enabled("madvise");
	base = vmstat("nr_pgtable_deposited");
	REQUIRE(base >= 0, "/proc/vmstat nr_pgtable_deposited: expected a count, saw none");
	check_deposited("at start");

	char *p = thp_region(4 * MB);
	fill_pattern(p, 4 * MB, 68);
	expect_step("nr_pgtable_deposited change after 2 huge faults", 2);

	REQUIRE(pipe(cmd) == 0 && pipe(rep) == 0, "pipe: expected 0, saw %s", errno_name(errno));
	pid_t pid = xfork();
	if (pid == 0) {
		recv_byte(cmd[0]);
		munmap(p + PAGE_SIZE, PAGE_SIZE);
		send_byte(rep[1], 'y');
		recv_byte(cmd[0]);
		_exit(0);
	}
	expect_step("nr_pgtable_deposited change after fork", 4);
	send_byte(cmd[1], 'u');
	recv_byte(rep[0]);
	expect_step("nr_pgtable_deposited change after the child's PMD split", 3);
	send_byte(cmd[1], 'x');
	wait_status(pid);
	expect_step("nr_pgtable_deposited change after the child exited", 2);

	char *q = mmap_aligned(HPAGE_SIZE, HPAGE_SIZE);
	fill_pattern(q, HPAGE_SIZE, 69);
	EXPECT_EQ("MADV_COLLAPSE", madvise(q, HPAGE_SIZE, MADV_COLLAPSE), 0);
	expect_step("nr_pgtable_deposited change after MADV_COLLAPSE", 3);
	madvise(p, HPAGE_SIZE, MADV_DONTNEED);
	expect_step("nr_pgtable_deposited change after a whole-PMD MADV_DONTNEED", 2);
	munmap(p, 4 * MB);
	munmap(q, HPAGE_SIZE);
	expect_step("nr_pgtable_deposited change after munmap", 0);
	test_done();
}
