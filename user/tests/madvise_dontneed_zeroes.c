/* madvise_dontneed_zeroes: MADV_DONTNEED on private anonymous pages frees them (Rss
 * drops by their size), the next touch reads zeros, the other pages keep their data,
 * and a child's MADV_DONTNEED leaves its parent's copy alone. */
#include "testlib.h"

#include <sys/mman.h>
#include <sys/wait.h>

#define N 16
#define LEN (N * PAGE_SIZE)

int main(void)
{
	char *p = mmap_guarded(LEN);
	fill_pattern(p, LEN, 15);
	EXPECT_EQ("Rss (kB) of 16 written pages", smaps_kb(p, "Rss"), 64);

	EXPECT_EQ("madvise(pages 4-7, MADV_DONTNEED)", madvise(p + 4 * PAGE_SIZE, 4 * PAGE_SIZE, MADV_DONTNEED), 0);
	EXPECT_EQ("Rss (kB) after MADV_DONTNEED of 4 pages", smaps_kb(p, "Rss"), 48);
	EXPECT_EQ("first non-zero byte of pages 4-7", find_nonzero(p + 4 * PAGE_SIZE, 4 * PAGE_SIZE), -1);
	EXPECT_EQ("pages 0-3 (first bad offset)", check_pattern(p, 4 * PAGE_SIZE, 15), -1);
	EXPECT_EQ("pages 8-15 (first bad offset)", check_pattern(p + 8 * PAGE_SIZE, 8 * PAGE_SIZE, 15), -1);
	p[5 * PAGE_SIZE] = 1;
	EXPECT_EQ("Rss (kB) after writing one zapped page again", smaps_kb(p, "Rss"), 52);

	fill_pattern(p, LEN, 16);
	pid_t pid = xfork();
	if (pid == 0) {
		madvise(p, LEN, MADV_DONTNEED);
		_exit(find_nonzero(p, LEN) == -1 ? 0 : 1);
	}
	int st = wait_status(pid);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child after its MADV_DONTNEED: expected zeros (exit 0), saw %s",
	       status_text(st));
	EXPECT_EQ("parent's pages after the child's MADV_DONTNEED (first bad offset)", check_pattern(p, LEN, 16), -1);
	test_done();
}
