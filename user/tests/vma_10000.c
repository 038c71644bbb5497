/* vma_10000: a process can hold 10000 VMAs (every other page of a 10000-page mapping
 * made read-only), /proc/self/maps counts them, faults among them work (their time
 * is printed, not judged), and making the range writable again merges them into one. */
#include "testlib.h"

#include <sys/mman.h>

#define NPAGES 10000

int main(void)
{
	char *r = mmap_guarded(NPAGES * PAGE_SIZE);
	int total_before = maps_count(NULL, 0);

	/* One write before the split gives the whole range one anon_vma (so that Linux can
	 * merge the pieces again); MADV_DONTNEED empties it so the timed loop faults. */
	touch_pages(r, NPAGES * PAGE_SIZE);
	madvise(r, NPAGES * PAGE_SIZE, MADV_DONTNEED);

	long t0 = now_ms();
	for (int i = 1; i < NPAGES; i += 2)
		REQUIRE(mprotect(r + i * PAGE_SIZE, PAGE_SIZE, PROT_READ) == 0, "mprotect of page %d: expected 0, saw %s",
			i, errno_name(errno));
	long t1 = now_ms();
	EXPECT_EQ("VMAs in the range", maps_count(r, NPAGES * PAGE_SIZE), NPAGES);
	EXPECT_EQ("VMAs in the whole process, more than before", maps_count(NULL, 0) - total_before, NPAGES - 1);

	long t2 = now_ms();
	unsigned long sum = 0;
	for (int i = 0; i < NPAGES; i++) {
		if (i % 2 == 0)
			r[i * PAGE_SIZE] = (char)i;
		sum += (unsigned char)r[i * PAGE_SIZE];
	}
	long t3 = now_ms();
	unsigned long want = 0;
	for (int i = 0; i < NPAGES; i += 2)
		want += (unsigned char)i;
	EXPECT_EQ("sum of the first bytes of the 10000 pages", sum, want);

	EXPECT_EQ("mprotect of the whole range back to read-write",
		  mprotect(r, NPAGES * PAGE_SIZE, PROT_READ | PROT_WRITE), 0);
	EXPECT_EQ("VMAs in the range after the merge", maps_count(r, NPAGES * PAGE_SIZE), 1);
	printf("%s: 5000 splitting mprotects in %ld ms, 10000 faults among 10000 VMAs in %ld ms\n", test_name(),
	       t1 - t0, t3 - t2);
	munmap(r, NPAGES * PAGE_SIZE);
	test_done();
}
