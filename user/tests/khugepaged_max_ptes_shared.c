/* khugepaged_max_ptes_shared: after fork all 512 pages of a range are shared with the
 * child, more than max_ptes_shared (256): khugepaged leaves the range alone
 * (SCAN_EXCEED_SHARED_PTE on thpkernel); once the child's COW writes have unshared 300
 * of them, the parent's range is collapsed, and both sides keep their own data. */
#include "testlib.h"

#include <sys/mman.h>
#include <sys/wait.h>

static char *p;
static int cmd[2], rep[2];

static int huge(void *unused)
{
	(void)unused;
	return smaps_kb(p, "AnonHugePages") == HPAGE_KB;
}

/* The child: 'w' rewrites pages 0-299 with its own data, 'c' checks its view, else exits. */
static void child(void)
{
	for (;;) {
		char c = recv_byte(cmd[0]);
		int ok = 1;
		if (c == 'w')
			fill_pattern(p, 300 * PAGE_SIZE, 66);
		else if (c == 'c')
			ok = check_pattern(p, 300 * PAGE_SIZE, 66) == -1 &&
			     check_pattern(p + 300 * PAGE_SIZE, HPAGE_SIZE - 300 * PAGE_SIZE, 65) == -1;
		else
			_exit(0);
		send_byte(rep[1], ok ? 'y' : 'n');
	}
}

int main(void)
{
	thp_set_enabled("madvise");
	p = mmap_aligned(HPAGE_SIZE, HPAGE_SIZE);
	madvise(p, HPAGE_SIZE, MADV_NOHUGEPAGE);
	fill_pattern(p, HPAGE_SIZE, 65);
	REQUIRE(pipe(cmd) == 0 && pipe(rep) == 0, "pipe: expected 0, saw %s", errno_name(errno));
	pid_t pid = xfork();
	if (pid == 0)
		child();

	thp_must_set("khugepaged/max_ptes_shared", "256");
	long shared0 = scan_result("SCAN_EXCEED_SHARED_PTE");
	khugepaged_fast();
	madvise(p, HPAGE_SIZE, MADV_HUGEPAGE);   /* the parent's VMA only */
	EXPECT(wait_full_scans(2, khugepaged_timeout_ms()), "khugepaged full_scans: expected +2, saw fewer");
	EXPECT_EQ("AnonHugePages (kB) with 512 shared pages", smaps_kb(p, "AnonHugePages"), 0);
	if (is_thpkernel())
		EXPECT(scan_result("SCAN_EXCEED_SHARED_PTE") > shared0,
		       "scan_results SCAN_EXCEED_SHARED_PTE: expected more than %ld, saw %ld", shared0,
		       scan_result("SCAN_EXCEED_SHARED_PTE"));

	send_byte(cmd[1], 'w');
	EXPECT(recv_byte(rep[0]) == 'y', "child's COW writes: expected done");
	/* After fork every parent PTE is write-protected, and Linux 6.1's
	 * khugepaged wants one writable PTE (SCAN_PAGE_RO otherwise): rewrite
	 * one now-exclusive page with its own value, which makes it writable. */
	*(volatile char *)p = *(volatile char *)p;
	EXPECT(wait_for(huge, NULL, khugepaged_timeout_ms()), "AnonHugePages with 212 shared pages: expected 2048 kB, saw %ld kB",
	       smaps_kb(p, "AnonHugePages"));
	EXPECT_EQ("parent's data (first bad offset)", check_pattern(p, HPAGE_SIZE, 65), -1);
	send_byte(cmd[1], 'c');
	EXPECT(recv_byte(rep[0]) == 'y', "child's data after the parent's collapse: expected its own, saw a difference");
	send_byte(cmd[1], 'x');
	wait_status(pid);
	test_done();
}
