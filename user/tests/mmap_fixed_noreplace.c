/* mmap_fixed_noreplace: MAP_FIXED_NOREPLACE maps exactly at a free address and fails
 * with EEXIST when any page of the range is in use (leaving it untouched), while
 * MAP_FIXED replaces what was there with fresh zero pages. */
#include "testlib.h"

#include <sys/mman.h>

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif
#define RW (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)

int main(void)
{
	char *a = mmap_guarded(8 * PAGE_SIZE);
	fill_pattern(a, 4 * PAGE_SIZE, 4);
	munmap(a + 4 * PAGE_SIZE, 4 * PAGE_SIZE);

	char *r = mmap(a + 4 * PAGE_SIZE, 4 * PAGE_SIZE, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0);
	EXPECT(r == a + 4 * PAGE_SIZE, "MAP_FIXED_NOREPLACE at a free address: expected %p, saw %p (%s)",
	       (void *)(a + 4 * PAGE_SIZE), (void *)r, r == MAP_FAILED ? errno_name(errno) : "");
	EXPECT_ERRNO("MAP_FIXED_NOREPLACE over a used range", (long)mmap(a, 2 * PAGE_SIZE, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0),
		     EEXIST);
	EXPECT_ERRNO("MAP_FIXED_NOREPLACE overlapping one used page",
		     (long)mmap(a + 3 * PAGE_SIZE, 2 * PAGE_SIZE, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0), EEXIST);
	EXPECT_ERRNO("MAP_FIXED_NOREPLACE at an unaligned address",
		     (long)mmap(a + 4 * PAGE_SIZE + 1, PAGE_SIZE, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0), EINVAL);
	EXPECT_EQ("old data after the refused mappings (first bad offset)", check_pattern(a, 4 * PAGE_SIZE, 4), -1);

	r = mmap(a, 2 * PAGE_SIZE, RW, ANON | MAP_FIXED, -1, 0);
	EXPECT(r == a, "MAP_FIXED over used pages: expected %p, saw %p", (void *)a, (void *)r);
	EXPECT_EQ("first non-zero byte of the replaced pages", find_nonzero(a, 2 * PAGE_SIZE), -1);
	EXPECT_EQ("the pages MAP_FIXED did not cover (first bad offset)",
		  check_pattern(a + 2 * PAGE_SIZE, 2 * PAGE_SIZE, 4), -1);
	test_done();
}
