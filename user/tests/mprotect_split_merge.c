/* mprotect_split_merge: mprotect of part of a VMA splits it (three VMAs for a page in
 * the middle, two for a tail), the new permissions show in /proc/self/maps, and
 * restoring the old permissions merges the pieces back into one VMA. */
#include "testlib.h"

#include <sys/mman.h>

#define N 4
#define RW (PROT_READ | PROT_WRITE)

static void expect_layout(const char *when, char *r, int vmas, int page, const char *perms_at_page)
{
	unsigned long s, e;
	char perms[5] = "";

	EXPECT(maps_count(r, N * PAGE_SIZE) == vmas, "%s: expected %d VMA(s), saw %d", when, vmas,
	       maps_count(r, N * PAGE_SIZE));
	EXPECT(maps_find(r + page * PAGE_SIZE, &s, &e, perms) && !strcmp(perms, perms_at_page),
	       "%s: expected page %d %s, saw %s", when, page, perms_at_page, perms);
}

int main(void)
{
	char *r = mmap_guarded(N * PAGE_SIZE);
	fill_pattern(r, N * PAGE_SIZE, 12);

	EXPECT_EQ("mprotect(page 1, PROT_READ)", mprotect(r + PAGE_SIZE, PAGE_SIZE, PROT_READ), 0);
	expect_layout("after mprotect of page 1", r, 3, 1, "r--p");
	expect_layout("after mprotect of page 1", r, 3, 2, "rw-p");
	EXPECT_EQ("mprotect(page 1, PROT_READ|PROT_WRITE)", mprotect(r + PAGE_SIZE, PAGE_SIZE, RW), 0);
	expect_layout("after restoring page 1", r, 1, 1, "rw-p");

	EXPECT_EQ("mprotect(pages 2-3, PROT_READ)", mprotect(r + 2 * PAGE_SIZE, 2 * PAGE_SIZE, PROT_READ), 0);
	expect_layout("after mprotect of the tail", r, 2, 3, "r--p");
	EXPECT_EQ("mprotect(all, PROT_READ)", mprotect(r, N * PAGE_SIZE, PROT_READ), 0);
	expect_layout("after mprotect of all", r, 1, 0, "r--p");
	EXPECT_EQ("mprotect(all, PROT_READ|PROT_WRITE)", mprotect(r, N * PAGE_SIZE, RW), 0);
	expect_layout("after restoring all", r, 1, 2, "rw-p");
	EXPECT_EQ("data after the splits and merges (first bad offset)", check_pattern(r, N * PAGE_SIZE, 12), -1);
	test_done();
}
