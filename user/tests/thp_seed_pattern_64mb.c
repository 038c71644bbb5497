/* thp_seed_pattern_64mb: the course note's program, bounded: 64 MiB mapped with plain
 * mmap and MADV_HUGEPAGE, every byte written as (char)i and read back correctly, the
 * range backed by huge pages (all 32 when the mapping is 2 MiB-aligned, else 31). */
#include "testlib.h"

#include <sys/mman.h>

#define LENGTH (64 * MB)

int main(void)
{
	thp_set_enabled("madvise");
	char *addr = mmap(NULL, LENGTH, PROT_READ | PROT_WRITE, MAP_ANONYMOUS | MAP_PRIVATE, -1, 0);
	REQUIRE(addr != MAP_FAILED, "mmap of 64 MiB: expected success, saw %s", errno_name(errno));
	REQUIRE(madvise(addr, LENGTH, MADV_HUGEPAGE) == 0, "madvise(MADV_HUGEPAGE): expected 0, saw %s", errno_name(errno));

	EXPECT_EQ("first hex of the new mapping", *(unsigned int *)addr, 0);
	for (unsigned long i = 0; i < LENGTH; i++)
		addr[i] = (char)i;
	unsigned long bad = LENGTH;
	for (unsigned long i = 0; i < LENGTH; i++)
		if (addr[i] != (char)i) {
			bad = i;
			break;
		}
	EXPECT(bad == LENGTH, "byte %lu: expected %d, saw %d", bad, (char)bad, bad < LENGTH ? addr[bad] : 0);
	long want = ((unsigned long)addr & (HPAGE_SIZE - 1)) ? 31 * HPAGE_KB : 32 * HPAGE_KB;
	EXPECT_EQ("smaps AnonHugePages (kB)", smaps_kb(addr, "AnonHugePages"), want);
	test_done();
}
