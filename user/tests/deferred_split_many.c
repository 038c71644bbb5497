/* deferred_split_many: 32 huge pages (64 MiB) with half of each zapped by
 * MADV_DONTNEED: 32 PMD splits, 32 pages queued for deferred split, AnonHugePages 0.
 * Memory pressure then splits them all (thp_split_page +32) and the 32 MiB nobody maps
 * comes back (exactly on thpkernel), the test process is not OOM-killed and its other
 * halves are intact. The pressure part needs a guest of at most 2 GiB. */
#include "testlib.h"

#include <sys/mman.h>
#include <sys/wait.h>

#define NHUGE 32
#define LEN (NHUGE * HPAGE_SIZE)

int main(void)
{
	thp_set_enabled("madvise");
	char *p = thp_region(LEN);
	fill_pattern(p, LEN, 62);
	EXPECT_EQ("AnonHugePages (kB) before", smaps_kb(p, "AnonHugePages"), NHUGE * HPAGE_KB);
	long split_pmd0 = vmstat("thp_split_pmd"), deferred0 = vmstat("thp_deferred_split_page");
	long nr_thp0 = vmstat("nr_anon_transparent_hugepages");

	for (int i = 0; i < NHUGE; i++)
		madvise(p + i * HPAGE_SIZE + HPAGE_SIZE / 2, HPAGE_SIZE / 2, MADV_DONTNEED);
	EXPECT_DELTA("thp_split_pmd", vmstat("thp_split_pmd") - split_pmd0, NHUGE);
	EXPECT_DELTA("thp_deferred_split_page", vmstat("thp_deferred_split_page") - deferred0, NHUGE);
	EXPECT_EQ("AnonHugePages (kB) after zapping half of each", smaps_kb(p, "AnonHugePages"), 0);
	EXPECT_EQ("Rss (kB) after zapping half of each", smaps_kb(p, "Rss"), NHUGE * HPAGE_KB / 2);
	if (is_thpkernel())
		EXPECT_EQ("nr_anon_transparent_hugepages change (no huge PMD left)",
			  vmstat("nr_anon_transparent_hugepages") - nr_thp0, -NHUGE);
	check_deposited("after the splits");

	skip_unless_small_memory();
	long split0 = vmstat("thp_split_page"), free0 = free_pages_now();
	int st = memory_pressure(split0 + NHUGE);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	       "pressure process (until thp_split_page grows by 32): expected exited 0, saw %s", status_text(st));
	EXPECT_DELTA("thp_split_page", vmstat("thp_split_page") - split0, NHUGE);
	long freed = free_pages_now() - free0, want = NHUGE * 256;
	if (is_thpkernel())
		EXPECT_EQ("free pages after the pressure process exited, minus before it started", freed, want);
	else
		EXPECT_GE("free pages after the pressure process exited, minus before it started", freed, want * 3 / 4);
	for (int i = 0; i < NHUGE; i++) {
		char *h = p + i * HPAGE_SIZE;
		EXPECT(check_pattern(h, HPAGE_SIZE / 2, 62) == -1, "huge page %d's kept half: expected intact, saw a difference", i);
		EXPECT(find_nonzero(h + HPAGE_SIZE / 2, HPAGE_SIZE / 2) == -1, "huge page %d's zapped half: expected zeros", i);
	}
	test_done();
}
