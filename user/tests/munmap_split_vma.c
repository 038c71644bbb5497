/* munmap_split_vma: munmap of a page in the middle of a VMA splits it in two in
 * /proc/self/maps, at its start trims it, across a hole succeeds, never touches the
 * data of the pages kept, and the unmapped pages kill a child that touches them. */
#include "testlib.h"

#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>

#define N 8

static int touch(void *p) { return *(volatile char *)p == 7 ? 3 : 0; }

int main(void)
{
	char *r = mmap_guarded(N * PAGE_SIZE);
	fill_pattern(r, N * PAGE_SIZE, 11);
	EXPECT_EQ("VMAs of the new mapping", maps_count(r, N * PAGE_SIZE), 1);

	EXPECT_EQ("munmap of page 3", munmap(r + 3 * PAGE_SIZE, PAGE_SIZE), 0);
	EXPECT_EQ("VMAs after unmapping page 3 of 8", maps_count(r, N * PAGE_SIZE), 2);
	EXPECT_EQ("VMAs covering page 3", maps_count(r + 3 * PAGE_SIZE, PAGE_SIZE), 0);
	EXPECT_EQ("munmap of page 0", munmap(r, PAGE_SIZE), 0);
	unsigned long s = 0, e = 0;
	EXPECT(maps_find(r + PAGE_SIZE, &s, &e, NULL) && s == (unsigned long)(r + PAGE_SIZE) &&
	       e == (unsigned long)(r + 3 * PAGE_SIZE), "first VMA after unmapping page 0: expected %p-%p, saw %#lx-%#lx",
	       (void *)(r + PAGE_SIZE), (void *)(r + 3 * PAGE_SIZE), s, e);
	EXPECT_EQ("munmap of pages 2-4 across the hole at 3", munmap(r + 2 * PAGE_SIZE, 3 * PAGE_SIZE), 0);
	EXPECT_EQ("VMAs left: page 1 and pages 5-7", maps_count(r, N * PAGE_SIZE), 2);
	EXPECT_EQ("munmap of a range with nothing mapped", munmap(r + 3 * PAGE_SIZE, PAGE_SIZE), 0);

	EXPECT_EQ("page 1 kept (first bad offset)", check_pattern(r + PAGE_SIZE, PAGE_SIZE, 11), -1);
	EXPECT_EQ("pages 5-7 kept (first bad offset)", check_pattern(r + 5 * PAGE_SIZE, 3 * PAGE_SIZE, 11), -1);
	int unmapped[] = { 0, 2, 3, 4 };
	for (int i = 0; i < 4; i++) {
		int st = run_in_child(touch, r + unmapped[i] * PAGE_SIZE);
		EXPECT(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "child touching unmapped page %d: expected SIGSEGV, saw %s",
		       unmapped[i], status_text(st));
	}
	test_done();
}
