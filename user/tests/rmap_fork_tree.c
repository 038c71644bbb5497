/* rmap_fork_tree: a page shared by a fork tree of 4 processes (parent, two children,
 * a grandchild) has the same PFN in all of them and each one's Pss is a quarter of
 * its Rss (Pss = size / mapcount: the kernel counts exactly 4 mappings); after two
 * exit, half; after a COW write, the written page is counted once more per side. */
#include "testlib.h"

#include <sys/wait.h>

#define N 16
#define LEN (N * PAGE_SIZE)

static char *region;
static uint64_t pfn0;
static int cmd[3][2], rep[2];   /* cmd[i]: parent -> process i; rep: processes -> parent */

/* Checks this process's view: Pss in kB and whether page 0's PFN must still be pfn0. */
static int view_ok(long pss_kb, int same_pfn)
{
	long pss = smaps_kb(region, "Pss"), rss = smaps_kb(region, "Rss");
	uint64_t e = pagemap_entry(region);
	int ok = pss == pss_kb && rss == (long)(LEN / KB);

	if (pfn0 && (PM_PFN(e) == pfn0) != same_pfn)
		ok = 0;
	if (!ok)
		printf("%s: pid %d: expected Rss %lu kB, Pss %ld kB, page 0 %s PFN %#llx; saw Rss %ld, Pss %ld, PFN %#llx\n",
		       test_name(), (int)getpid(), LEN / KB, pss_kb, same_pfn ? "at" : "not at",
		       (unsigned long long)pfn0, rss, pss, (unsigned long long)PM_PFN(e));
	return ok;
}

/* Process i of the tree obeys commands: 'c' + Pss to check, 'w' write page 0, 'x' exit. */
static void serve(int i, pid_t child_to_reap)
{
	for (;;) {
		char c = recv_byte(cmd[i][0]);
		if (c == 'c' || c == 'C') {
			char pss = recv_byte(cmd[i][0]);
			send_byte(rep[1], view_ok(pss, c == 'c') ? 'y' : 'n');
		} else if (c == 'w') {
			region[0] = 'w';
			send_byte(rep[1], 'y');
		} else {
			if (child_to_reap > 0)
				wait_status(child_to_reap);
			send_byte(rep[1], 'y');
			_exit(0);
		}
	}
}

static void order(int i, char c, char arg)
{
	send_byte(cmd[i][1], c);
	if (arg)
		send_byte(cmd[i][1], arg);
	EXPECT(recv_byte(rep[0]) == 'y', "process %d after command '%c' %d: expected 'y' (see its line above)", i, c, arg);
}

int main(void)
{
	region = mmap_guarded(LEN);
	fill_pattern(region, LEN, 21);
	pfn0 = PM_PFN(pagemap_entry(region));   /* 0 when not root on Linux: PFN checks are left out */
	for (int i = 0; i < 3; i++)
		REQUIRE(pipe(cmd[i]) == 0, "pipe: expected 0, saw %s", errno_name(errno));
	REQUIRE(pipe(rep) == 0, "pipe: expected 0, saw %s", errno_name(errno));

	pid_t c1 = xfork();   /* process 0: child 1, parent of the grandchild */
	if (c1 == 0) {
		pid_t g = xfork();   /* process 1: the grandchild */
		if (g == 0)
			serve(1, 0);
		serve(0, g);
	}
	pid_t c2 = xfork();   /* process 2: child 2 */
	if (c2 == 0)
		serve(2, 0);

	for (int i = 0; i < 3; i++)   /* each answer also proves that process exists */
		order(i, 'c', LEN / KB / 4);
	EXPECT(view_ok(LEN / KB / 4, 1), "parent with 4 mappers: see the line above");
	order(1, 'x', 0);   /* the grandchild exits; child 1 reaps it */
	order(2, 'x', 0);
	wait_status(c2);
	EXPECT(view_ok(LEN / KB / 2, 1), "parent with 2 mappers: see the line above");
	order(0, 'c', LEN / KB / 2);
	order(0, 'w', 0);   /* child 1 gets its own copy of page 0 */
	/* Page 0 now has one mapper on each side: 4 kB + 15 pages shared by 2. */
	long pss_after_cow = PAGE_SIZE / KB + (N - 1) * PAGE_SIZE / KB / 2;
	EXPECT(view_ok(pss_after_cow, 1), "parent after the child's COW write: see the line above");
	order(0, 'C', pss_after_cow);
	order(0, 'x', 0);
	wait_status(c1);
	EXPECT(view_ok(LEN / KB, 1), "parent alone: see the line above");
	EXPECT_EQ("parent's data (first bad offset)", check_pattern(region, LEN, 21), -1);
	test_done();
}
