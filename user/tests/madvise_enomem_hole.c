/* madvise_enomem_hole: madvise over a range with an unmapped hole fails with ENOMEM
 * (after applying MADV_DONTNEED to the mapped parts, as Linux does), over an unmapped
 * range too; an unaligned start or an unknown advice gives EINVAL; length 0 is a no-op. */
#include "testlib.h"

#include <sys/mman.h>

int main(void)
{
	char *p = mmap(NULL, 3 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	REQUIRE(p != MAP_FAILED, "mmap: expected success, saw %s", errno_name(errno));
	fill_pattern(p, 3 * PAGE_SIZE, 17);
	munmap(p + PAGE_SIZE, PAGE_SIZE);

	EXPECT_ERRNO("madvise(MADV_NORMAL) over a hole", madvise(p, 3 * PAGE_SIZE, MADV_NORMAL), ENOMEM);
	EXPECT_ERRNO("madvise(MADV_WILLNEED) over a hole", madvise(p, 3 * PAGE_SIZE, MADV_WILLNEED), ENOMEM);
	EXPECT_ERRNO("madvise(MADV_HUGEPAGE) over a hole", madvise(p, 3 * PAGE_SIZE, MADV_HUGEPAGE), ENOMEM);
	EXPECT_ERRNO("madvise(MADV_DONTNEED) over a hole", madvise(p, 3 * PAGE_SIZE, MADV_DONTNEED), ENOMEM);
	EXPECT_EQ("first non-zero byte of page 0 (zapped despite ENOMEM)", find_nonzero(p, PAGE_SIZE), -1);
	EXPECT_EQ("first non-zero byte of page 2 (zapped despite ENOMEM)", find_nonzero(p + 2 * PAGE_SIZE, PAGE_SIZE), -1);
	EXPECT_ERRNO("madvise(MADV_DONTNEED) of the unmapped page", madvise(p + PAGE_SIZE, PAGE_SIZE, MADV_DONTNEED), ENOMEM);
	EXPECT_ERRNO("madvise at an unaligned address", madvise(p + 1, PAGE_SIZE, MADV_DONTNEED), EINVAL);
	EXPECT_ERRNO("madvise with advice 12345", madvise(p, PAGE_SIZE, 12345), EINVAL);
	EXPECT_EQ("madvise of length 0", madvise(p, 0, MADV_DONTNEED), 0);
	test_done();
}
