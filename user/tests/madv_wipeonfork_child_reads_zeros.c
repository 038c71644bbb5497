/* madv_wipeonfork_child_reads_zeros: after MADV_WIPEONFORK a forked child finds zeros
 * in the range, in 4 KiB pages and in a THP alike, while the rest of the mapping keeps
 * the parent's data in the child and the parent keeps all of its own. */
#include "testlib.h"

#include <sys/mman.h>
#include <sys/wait.h>

#ifndef MADV_WIPEONFORK
#define MADV_WIPEONFORK 18
#endif

#define LEN (4 * HPAGE_SIZE)
#define SEED 0x77

static char *region;

/* The child's view: the first 2 MiB unit (a THP) and 16 KiB inside the third wiped,
 * the rest as the parent wrote it. Exit code: which check failed. */
static int child_checks(void *unused)
{
	(void)unused;
	for (size_t i = 0; i < HPAGE_SIZE; i += 8)
		if (*(unsigned long *)(region + i))
			return 1;
	if (check_pattern(region + HPAGE_SIZE, HPAGE_SIZE, SEED) >= 0)
		return 2;
	for (size_t i = 0; i < 16384; i += 8)
		if (*(unsigned long *)(region + 2 * HPAGE_SIZE + 4096 + i))
			return 3;
	if (check_pattern(region + 2 * HPAGE_SIZE, 4096, SEED) >= 0)
		return 4;
	return 0;
}

int main(void)
{
	region = thp_region(LEN);
	fill_pattern(region, LEN, SEED);
	EXPECT_EQ("madvise(MADV_WIPEONFORK) of a THP", madvise(region, HPAGE_SIZE, MADV_WIPEONFORK), 0);
	EXPECT_EQ("madvise(MADV_WIPEONFORK) of 4 KiB pages",
		  madvise(region + 2 * HPAGE_SIZE + 4096, 16384, MADV_WIPEONFORK), 0);
	int st = run_in_child(child_checks, NULL);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	       "child: expected exited 0 (zeros where wiped, the data elsewhere), saw %s "
	       "(1: the THP not wiped, 2: the next unit lost, 3: the 4 KiB pages not wiped, 4: their neighbour lost)",
	       status_text(st));
	EXPECT(check_pattern(region, LEN, SEED) < 0, "parent's data after the fork: expected intact, saw a wrong byte at +%ld",
	       check_pattern(region, LEN, SEED));
	test_done();
}
