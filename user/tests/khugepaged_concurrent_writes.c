/* khugepaged_concurrent_writes: the process keeps writing and checking 8 MiB (a new
 * value per word and pass) while khugepaged collapses it under its feet: the range
 * ends up huge and no write is ever lost or misplaced. */
#include "testlib.h"

#include <sys/mman.h>

#define LEN (8 * MB)
#define STRIDE 256

int main(void)
{
	thp_set_enabled("madvise");
	char *p = mmap_aligned(LEN, HPAGE_SIZE);
	madvise(p, LEN, MADV_NOHUGEPAGE);
	touch_pages(p, LEN);
	khugepaged_fast();
	REQUIRE(madvise(p, LEN, MADV_HUGEPAGE) == 0, "madvise(MADV_HUGEPAGE): expected 0, saw %s", errno_name(errno));

	long deadline = now_ms() + khugepaged_timeout_ms();
	int collapsed_at = -1, pass;
	for (pass = 1; now_ms() < deadline; pass++) {
		for (size_t off = 0; off < LEN; off += STRIDE)
			*(unsigned long *)(p + off) = pattern_word(p + off, pass);
		for (size_t off = 0; off < LEN; off += STRIDE) {
			unsigned long saw = *(unsigned long *)(p + off);
			REQUIRE(saw == pattern_word(p + off, pass), "pass %d, offset %#zx: expected %#lx, saw %#lx", pass, off,
				pattern_word(p + off, pass), saw);
		}
		if (collapsed_at < 0 && smaps_kb(p, "AnonHugePages") == (long)(LEN / KB))
			collapsed_at = pass;
		if (collapsed_at > 0 && pass >= collapsed_at + 3)
			break;
	}
	EXPECT(collapsed_at > 0, "AnonHugePages after %d passes: expected %lu kB, saw %ld kB", pass, LEN / KB,
	       smaps_kb(p, "AnonHugePages"));
	test_done();
}
