/* mmap_2mb_aligned: an anonymous mapping whose length is a multiple of 2 MiB is
 * placed at a 2 MiB-aligned address, whatever smaller mappings came before it, so
 * that it can hold huge PMDs (Linux does this since 6.7). */
#include "testlib.h"

#include <sys/mman.h>

int main(void)
{
	if (!kernel_at_least(6, 7))
		test_skip("Linux before 6.7 does not align anonymous mappings to 2 MiB");
	for (int i = 1; i <= 8; i++) {
		size_t len = (size_t)(1 + i % 4) * HPAGE_SIZE;
		void *small = mmap(NULL, i * 3 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		REQUIRE(small != MAP_FAILED && p != MAP_FAILED, "mmap: expected success, saw %s", errno_name(errno));
		EXPECT(((unsigned long)p & (HPAGE_SIZE - 1)) == 0, "mmap of %zu MiB after a %d KiB one: expected a 2 MiB-aligned address, saw %p",
		       len / MB, i * 12, (void *)p);
	}
	test_done();
}
