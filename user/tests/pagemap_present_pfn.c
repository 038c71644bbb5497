/* pagemap_present_pfn: /proc/self/pagemap shows a written page present with a PFN,
 * an untouched page not present, a zapped page not present again, a read page
 * present; a forked child sees the same PFN until it writes, then another. */
#include "testlib.h"

#include <sys/mman.h>
#include <sys/wait.h>

int main(void)
{
	char *p = mmap_guarded(4 * PAGE_SIZE);
	int up[2];

	p[0] = 1;
	p[2 * PAGE_SIZE] = 2;
	uint64_t e0 = pagemap_entry(p), e1 = pagemap_entry(p + PAGE_SIZE), e2 = pagemap_entry(p + 2 * PAGE_SIZE);
	EXPECT(e0 & PM_PRESENT, "pagemap of written page 0: expected present (bit 63), saw %#llx", (unsigned long long)e0);
	EXPECT(e2 & PM_PRESENT, "pagemap of written page 2: expected present (bit 63), saw %#llx", (unsigned long long)e2);
	EXPECT(!(e1 & PM_PRESENT), "pagemap of untouched page 1: expected not present, saw %#llx", (unsigned long long)e1);
	int have_pfn = PM_PFN(e0) != 0;
	if (!have_pfn && !is_thpkernel())
		printf("%s: note: PFNs read as 0 (not root); PFN checks left out\n", test_name());
	else {
		EXPECT(PM_PFN(e0) && PM_PFN(e2) && PM_PFN(e0) != PM_PFN(e2),
		       "PFNs of pages 0 and 2: expected two different non-zero PFNs, saw %#llx and %#llx",
		       (unsigned long long)PM_PFN(e0), (unsigned long long)PM_PFN(e2));
	}
	EXPECT_EQ("byte read from untouched page 3", p[3 * PAGE_SIZE], 0);
	uint64_t e3 = pagemap_entry(p + 3 * PAGE_SIZE);
	EXPECT(e3 & PM_PRESENT, "pagemap of page 3 after a read: expected present, saw %#llx", (unsigned long long)e3);
	madvise(p, PAGE_SIZE, MADV_DONTNEED);
	e0 = pagemap_entry(p);
	EXPECT(!(e0 & PM_PRESENT), "pagemap of page 0 after MADV_DONTNEED: expected not present, saw %#llx",
	       (unsigned long long)e0);

	REQUIRE(pipe(up) == 0, "pipe: expected 0, saw %s", errno_name(errno));
	pid_t pid = xfork();
	if (pid == 0) {
		uint64_t before = PM_PFN(pagemap_entry(p + 2 * PAGE_SIZE));
		p[2 * PAGE_SIZE] = 3;
		uint64_t after = PM_PFN(pagemap_entry(p + 2 * PAGE_SIZE));
		write(up[1], &before, 8);
		write(up[1], &after, 8);
		_exit(0);
	}
	uint64_t child_before = 0, child_after = 0;
	read(up[0], &child_before, 8);
	read(up[0], &child_after, 8);
	wait_status(pid);
	if (have_pfn) {
		EXPECT(child_before == PM_PFN(e2), "child's PFN of page 2 before writing: expected the parent's %#llx, saw %#llx",
		       (unsigned long long)PM_PFN(e2), (unsigned long long)child_before);
		EXPECT(child_after && child_after != PM_PFN(e2),
		       "child's PFN of page 2 after its COW write: expected a new PFN (not %#llx), saw %#llx",
		       (unsigned long long)PM_PFN(e2), (unsigned long long)child_after);
	}
	EXPECT_EQ("parent's byte after the child's write", p[2 * PAGE_SIZE], 2);
	test_done();
}
