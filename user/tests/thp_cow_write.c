/* thp_cow_write: writes to a huge page shared after fork stay private to the writer
 * in both directions; once the child has exited, the parent's write to the still
 * write-protected huge PMD reuses the page in place: same PFN, still 2048 kB huge,
 * no PMD split. */
#include "testlib.h"

#include <sys/mman.h>
#include <sys/wait.h>

int main(void)
{
	int up[2], down[2];

	thp_set_enabled("madvise");
	char *p = thp_region(HPAGE_SIZE);
	fill_pattern(p, HPAGE_SIZE, 39);
	REQUIRE(pipe(up) == 0 && pipe(down) == 0, "pipe: expected 0, saw %s", errno_name(errno));
	unsigned long *cw = (unsigned long *)(p + 10 * PAGE_SIZE), *pw = (unsigned long *)(p + 20 * PAGE_SIZE);

	pid_t pid = xfork();
	if (pid == 0) {
		*cw = 1111;
		int ok = *cw == 1111 && check_pattern(p + 11 * PAGE_SIZE, HPAGE_SIZE - 11 * PAGE_SIZE, 39) == -1;
		send_byte(up[1], 'w');
		recv_byte(down[0]);
		ok = ok && *pw == pattern_word(pw, 39) && *cw == 1111;
		_exit(ok ? 0 : 1);
	}
	recv_byte(up[0]);
	EXPECT(*cw == pattern_word(cw, 39), "parent's word the child wrote: expected %#lx, saw %#lx", pattern_word(cw, 39), *cw);
	*pw = 2222;
	send_byte(down[1], 'p');
	int st = wait_status(pid);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child (own write kept, parent's unseen): expected exited 0, saw %s",
	       status_text(st));
	*pw = pattern_word(pw, 39);
	EXPECT_EQ("parent's huge page after the COW writes (first bad offset)", check_pattern(p, HPAGE_SIZE, 39), -1);

	char *q = thp_region(HPAGE_SIZE);
	fill_pattern(q, HPAGE_SIZE, 40);
	pid = xfork();
	if (pid == 0)
		_exit(0);
	wait_status(pid);
	uint64_t pfn = PM_PFN(pagemap_entry(q));
	long split0 = vmstat("thp_split_pmd");
	q[100] = 7;
	EXPECT_EQ("AnonHugePages (kB) after writing the huge page its child shared", smaps_kb(q, "AnonHugePages"), 2048);
	if (pfn)
		EXPECT(PM_PFN(pagemap_entry(q)) == pfn, "PFN after the write: expected the same %#llx (reuse), saw %#llx",
		       (unsigned long long)pfn, (unsigned long long)PM_PFN(pagemap_entry(q)));
	if (is_thpkernel())
		EXPECT_EQ("thp_split_pmd change on reuse", vmstat("thp_split_pmd") - split0, 0);
	test_done();
}
