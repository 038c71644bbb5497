/* mincore_thp: mincore(2) reports which pages are resident: none of a fresh mapping,
 * all 512 of a 2 MiB range after one write made it a THP, single pages touched in a
 * MADV_NOHUGEPAGE range, none after MADV_DONTNEED. Errors as Linux: EINVAL for an
 * unaligned start, ENOMEM for a range with unmapped pages, EFAULT for a vector
 * in kernel space. */
#include "testlib.h"

#include <sys/mman.h>

static long count_resident(const unsigned char *vec, size_t n)
{
	long c = 0;
	for (size_t i = 0; i < n; i++)
		c += vec[i] & 1;
	return c;
}

int main(void)
{
	static unsigned char vec[1024];
	const size_t LEN = 4 * MB, N = LEN / PAGE_SIZE;

	thp_set_enabled("madvise");
	char *p = thp_region(LEN);
	EXPECT_EQ("mincore of a fresh 4 MiB mapping", mincore(p, LEN, vec), 0);
	EXPECT_EQ("resident pages before any touch", count_resident(vec, N), 0);

	p[12345] = 1;	/* one write: a THP for the first 2 MiB */
	REQUIRE(smaps_sum(0, p, LEN, "AnonHugePages") == 2048, "AnonHugePages after one write: expected 2048 kB, saw %ld",
		smaps_sum(0, p, LEN, "AnonHugePages"));
	EXPECT_EQ("mincore after one write", mincore(p, LEN, vec), 0);
	EXPECT_EQ("resident pages in the first 2 MiB (a THP)", count_resident(vec, N / 2), 512);
	EXPECT_EQ("resident pages in the second 2 MiB", count_resident(vec + N / 2, N / 2), 0);

	/* 4 KiB pages one by one */
	char *q = mmap_guarded(8 * PAGE_SIZE);
	madvise(q, 8 * PAGE_SIZE, MADV_NOHUGEPAGE);
	q[0] = 1;
	q[2 * PAGE_SIZE] = 1;
	(void)*(volatile char *)(q + 5 * PAGE_SIZE);	/* a read maps the zero page: resident too */
	EXPECT_EQ("mincore of 8 pages", mincore(q, 8 * PAGE_SIZE, vec), 0);
	EXPECT(vec[0] == 1 && vec[1] == 0 && vec[2] == 1 && vec[3] == 0 && vec[5] == 1,
	       "mincore of pages 0..5 after writing 0 and 2 and reading 5: expected 1 0 1 0 ? 1, saw %d %d %d %d %d %d",
	       vec[0], vec[1], vec[2], vec[3], vec[4], vec[5]);
	madvise(q, PAGE_SIZE, MADV_DONTNEED);
	EXPECT_EQ("mincore after MADV_DONTNEED", mincore(q, PAGE_SIZE, vec), 0);
	EXPECT_EQ("page 0 after MADV_DONTNEED", vec[0], 0);
	/* a length that is not a page multiple covers the page it ends in */
	EXPECT_EQ("mincore of 1 byte", mincore(q + 2 * PAGE_SIZE, 1, vec), 0);
	EXPECT_EQ("page 2 (1-byte length)", vec[0], 1);

	/* errors */
	errno = 0;
	EXPECT(mincore(q + 1, PAGE_SIZE, vec) == -1 && errno == EINVAL,
	       "mincore of an unaligned start: expected EINVAL, saw %s", errno_name(errno));
	char *hole = mmap(NULL, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(hole, PAGE_SIZE);
	errno = 0;
	EXPECT(mincore(hole, PAGE_SIZE, vec) == -1 && errno == ENOMEM,
	       "mincore of an unmapped page: expected ENOMEM, saw %s", errno_name(errno));
	char *r = mmap(NULL, 3 * PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(r + 2 * PAGE_SIZE, PAGE_SIZE);
	errno = 0;
	EXPECT(mincore(r, 3 * PAGE_SIZE, vec) == -1 && errno == ENOMEM,
	       "mincore of a range that ends in a hole: expected ENOMEM, saw %s", errno_name(errno));
	errno = 0;
	EXPECT(mincore(q, PAGE_SIZE, (unsigned char *)0xffff888000000000UL) == -1 && errno == EFAULT,
	       "mincore with a kernel-space vector: expected EFAULT, saw %s", errno_name(errno));
	test_done();
}
