/* mremap_errors: mremap(2)'s errors and its in-place cases as Linux 6.1 gives them:
 * EINVAL for bad flags, an unaligned address, a zero length, FIXED without MAYMOVE,
 * DONTUNMAP with two lengths and overlapping ranges; EFAULT for an unmapped address
 * or a range across two VMAs; ENOMEM when the mapping cannot grow in place and may
 * not move. Shrinking and growing into free space keep the address; growing with
 * MAYMOVE past a neighbour moves the data; DONTUNMAP leaves the old range mapped
 * and empty. */
#include "testlib.h"

#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#ifndef MREMAP_DONTUNMAP
#define MREMAP_DONTUNMAP 4
#endif

/* The raw system call: musl's mremap() wrapper checks some arguments itself. */
static long raw_mremap(void *old, size_t old_len, size_t new_len, long flags, void *new_addr)
{
	long r = syscall(SYS_mremap, old, old_len, new_len, flags, new_addr);
	return r == -1 ? -errno : r;
}

#define EXPECT_ERR(what, call, err) \
	do { long r_ = (call); \
	     EXPECT(r_ == -(err), "%s: expected %s, saw %s", what, errno_name(err), \
		    r_ < 0 && r_ > -4096 ? errno_name((int)-r_) : "success"); } while (0)

static int touch(void *p) { return *(volatile char *)p == 9 ? 3 : 0; }

static int is_unmapped(void *p)
{
	int st = run_in_child(touch, p);
	return WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV;
}

int main(void)
{
	const size_t P = PAGE_SIZE;
	char *a = mmap_guarded(4 * P);	/* guard, 4 pages, guard */

	/* argument checks come first */
	EXPECT_ERR("unknown flag 8", raw_mremap(a, P, P, 8, NULL), EINVAL);
	EXPECT_ERR("MREMAP_FIXED without MREMAP_MAYMOVE", raw_mremap(a, P, P, MREMAP_FIXED, a + 2 * P), EINVAL);
	EXPECT_ERR("MREMAP_DONTUNMAP without MREMAP_MAYMOVE", raw_mremap(a, P, P, MREMAP_DONTUNMAP, NULL), EINVAL);
	EXPECT_ERR("MREMAP_DONTUNMAP with two lengths",
		   raw_mremap(a, P, 2 * P, MREMAP_DONTUNMAP | MREMAP_MAYMOVE, NULL), EINVAL);
	EXPECT_ERR("unaligned old address", raw_mremap(a + 1, P, P, 0, NULL), EINVAL);
	EXPECT_ERR("new length 0", raw_mremap(a, P, 0, MREMAP_MAYMOVE, NULL), EINVAL);
	EXPECT_ERR("new length that overflows when page-aligned", raw_mremap(a, P, -1UL, MREMAP_MAYMOVE, NULL), EINVAL);
	EXPECT_ERR("unaligned MREMAP_FIXED address",
		   raw_mremap(a, P, P, MREMAP_MAYMOVE | MREMAP_FIXED, a + 8 * P + 1), EINVAL);
	EXPECT_ERR("MREMAP_FIXED onto an overlapping range",
		   raw_mremap(a, 2 * P, 2 * P, MREMAP_MAYMOVE | MREMAP_FIXED, a + P), EINVAL);

	/* an address no VMA covers: the guard page below a is mapped (PROT_NONE), so
	 * use a freshly unmapped page */
	char *hole = mmap(NULL, P, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	REQUIRE(hole != MAP_FAILED, "mmap of one page: %s", errno_name(errno));
	munmap(hole, P);
	EXPECT_ERR("unmapped address", raw_mremap(hole, P, 2 * P, MREMAP_MAYMOVE, NULL), EFAULT);

	/* a range that runs past its VMA into the PROT_NONE guard: growing it fails */
	EXPECT_ERR("range across two VMAs", raw_mremap(a + 3 * P, 2 * P, 3 * P, MREMAP_MAYMOVE, NULL), EFAULT);
	/* the guard page right above blocks growth in place */
	EXPECT_ERR("growing in place into the next VMA", raw_mremap(a, 4 * P, 5 * P, 0, NULL), ENOMEM);

	/* same size and shrinking: in place */
	fill_pattern(a, 4 * P, 5);
	EXPECT_EQ("mremap to the same size returns the address", raw_mremap(a, 4 * P, 4 * P, 0, NULL), (long)a);
	EXPECT_EQ("shrinking returns the address", raw_mremap(a, 4 * P, 2 * P, 0, NULL), (long)a);
	EXPECT_EQ("bytes kept after shrinking (first bad offset)", check_pattern(a, 2 * P, 5), -1);
	EXPECT(is_unmapped(a + 3 * P), "the page cut off by shrinking: expected SIGSEGV on touch");

	/* growing into the space just freed: in place, new pages zero */
	EXPECT_EQ("growing into free space keeps the address", raw_mremap(a, 2 * P, 4 * P, 0, NULL), (long)a);
	EXPECT_EQ("old bytes after growing (first bad offset)", check_pattern(a, 2 * P, 5), -1);
	EXPECT_EQ("new pages after growing (first non-zero byte)", find_nonzero(a + 2 * P, 2 * P), -1);
	EXPECT_EQ("VMAs in the grown range", maps_count(a, 4 * P), 1);

	/* growing past the guard page needs MREMAP_MAYMOVE: the data moves */
	fill_pattern(a, 4 * P, 6);
	long r = raw_mremap(a, 4 * P, 64 * P, MREMAP_MAYMOVE, NULL);
	REQUIRE(r > 0, "growing with MREMAP_MAYMOVE: expected an address, saw %s", errno_name((int)-r));
	char *b = (char *)r;
	EXPECT(b != a, "growing with MREMAP_MAYMOVE past a neighbour: expected a new address, saw the old one");
	EXPECT_EQ("moved bytes (first bad offset)", check_moved_pattern(b, 4 * P, 6, a), -1);
	EXPECT_EQ("the grown part (first non-zero byte)", find_nonzero(b + 4 * P, 60 * P), -1);
	EXPECT(is_unmapped(a), "the old address after a move: expected SIGSEGV on touch");

	/* MREMAP_DONTUNMAP: the data moves, the old range stays mapped and empty */
	char *c = mmap(NULL, 8 * P, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	REQUIRE(c != MAP_FAILED, "mmap: %s", errno_name(errno));
	fill_pattern(c, 8 * P, 7);
	r = raw_mremap(c, 8 * P, 8 * P, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, NULL);
	REQUIRE(r > 0, "MREMAP_DONTUNMAP: expected an address, saw %s", errno_name((int)-r));
	EXPECT_EQ("bytes at the new address (first bad offset)", check_moved_pattern((char *)r, 8 * P, 7, c), -1);
	EXPECT_EQ("the old range after MREMAP_DONTUNMAP (first non-zero byte)", find_nonzero(c, 8 * P), -1);
	EXPECT_EQ("VMAs of the old range after MREMAP_DONTUNMAP", maps_count(c, 8 * P), 1);
	test_done();
}
