/* thp_fork_shares_huge: after fork both processes map the huge pages with huge PMDs
 * (AnonHugePages in both smaps); the child's munmap of 4 KiB splits only the child's
 * PMD (the parent's /proc/PID/smaps still shows 2048 kB there, thp_split_pmd +1);
 * COW writes on either side stay on that side; the deposited-table count equals the
 * huge-PMD count throughout (thpkernel). */
#include "testlib.h"

#include <sys/mman.h>
#include <sys/wait.h>

#define LEN (4 * MB)

static char *p;
static int cmd[2], rep[2];

/* Child: obeys 'u' (munmap 4 KiB in huge page 0), 'w' (write a word in huge page 1),
 * 'c' (check the parent's write in huge page 0 is invisible), 'x' (exit). Answers
 * 'y' or 'n'. */
static void child(void)
{
	unsigned long *w1 = (unsigned long *)(p + HPAGE_SIZE + 64), *w0 = (unsigned long *)(p + 4 * PAGE_SIZE);

	for (;;) {
		int ok = 1;
		switch (recv_byte(cmd[0])) {
		case 'u':
			ok = munmap(p + 2 * PAGE_SIZE, PAGE_SIZE) == 0;
			break;
		case 'w':
			*w1 = 0xc0ffee;
			ok = *w1 == 0xc0ffee && check_pattern(p + HPAGE_SIZE + 128, HPAGE_SIZE - 128, 38) == -1;
			break;
		case 'c':
			ok = *w0 == pattern_word(w0, 38);
			break;
		default:
			_exit(0);
		}
		send_byte(rep[1], ok ? 'y' : 'n');
	}
}

static void order(char c, const char *what)
{
	send_byte(cmd[1], c);
	EXPECT(recv_byte(rep[0]) == 'y', "child %s: expected success, saw failure", what);
}

int main(void)
{
	thp_set_enabled("madvise");
	p = thp_region(LEN);
	fill_pattern(p, LEN, 38);
	REQUIRE(pipe(cmd) == 0 && pipe(rep) == 0, "pipe: expected 0, saw %s", errno_name(errno));

	pid_t pid = xfork();
	if (pid == 0)
		child();
	EXPECT_EQ("parent's AnonHugePages (kB) after fork", smaps_sum(0, p, LEN, "AnonHugePages"), 4096);
	EXPECT_EQ("child's AnonHugePages (kB) after fork", smaps_sum(pid, p, LEN, "AnonHugePages"), 4096);
	check_deposited("after fork");

	long split0 = vmstat("thp_split_pmd");
	order('u', "munmap of 4 KiB in huge page 0");
	EXPECT_DELTA("thp_split_pmd after the child's munmap", vmstat("thp_split_pmd") - split0, 1);
	EXPECT_EQ("child's AnonHugePages (kB) after its munmap", smaps_sum(pid, p, LEN, "AnonHugePages"), 2048);
	EXPECT_EQ("parent's AnonHugePages (kB) after the child's munmap", smaps_sum(0, p, LEN, "AnonHugePages"), 4096);
	EXPECT_EQ("parent's bytes after the child's munmap (first bad offset)", check_pattern(p, LEN, 38), -1);
	check_deposited("after the child's split");

	order('w', "COW write in huge page 1");
	unsigned long *w1 = (unsigned long *)(p + HPAGE_SIZE + 64), *w0 = (unsigned long *)(p + 4 * PAGE_SIZE);
	EXPECT(*w1 == pattern_word(w1, 38), "parent's word the child overwrote: expected %#lx, saw %#lx", pattern_word(w1, 38), *w1);
	*w0 = 0xbadc0de;
	order('c', "sees its own huge page 0 unchanged by the parent's write");
	EXPECT(*w0 == 0xbadc0de, "parent's own write: expected 0xbadc0de, saw %#lx", *w0);
	*w0 = pattern_word(w0, 38);
	check_deposited("after the COW writes");

	send_byte(cmd[1], 'x');
	int st = wait_status(pid);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child: expected exited 0, saw %s", status_text(st));
	EXPECT_EQ("parent's bytes after the child exited (first bad offset)", check_pattern(p, LEN, 38), -1);
	check_deposited("after the child exited");
	test_done();
}
