/* prctl_thp_disable: PR_SET_THP_DISABLE turns THP off for the whole process (a
 * MADV_HUGEPAGE range faults 4 KiB pages, THPeligible 0), PR_GET_THP_DISABLE reads
 * it back, a forked child inherits it, and clearing it makes huge pages come back. */
#include "testlib.h"

#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#define LEN (4 * MB)

static int child_still_disabled(void *unused)
{
	(void)unused;
	char *q = thp_region(LEN);
	fill_pattern(q, LEN, 41);
	return prctl(PR_GET_THP_DISABLE, 0, 0, 0, 0) == 1 && smaps_kb(q, "AnonHugePages") == 0 ? 0 : 1;
}

int main(void)
{
	thp_set_enabled("madvise");
	EXPECT_EQ("PR_GET_THP_DISABLE at start", prctl(PR_GET_THP_DISABLE, 0, 0, 0, 0), 0);
	REQUIRE(prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0) == 0, "PR_SET_THP_DISABLE 1: expected 0, saw %s", errno_name(errno));
	EXPECT_EQ("PR_GET_THP_DISABLE after setting it", prctl(PR_GET_THP_DISABLE, 0, 0, 0, 0), 1);

	char *p = thp_region(LEN);
	fill_pattern(p, LEN, 42);
	EXPECT_EQ("AnonHugePages (kB) with THP disabled", smaps_kb(p, "AnonHugePages"), 0);
	EXPECT_EQ("THPeligible with THP disabled", smaps_thp_eligible(p), 0);
	int st = run_in_child(child_still_disabled, NULL);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	       "forked child (PR_GET_THP_DISABLE 1, no huge pages): expected exited 0, saw %s", status_text(st));

	REQUIRE(prctl(PR_SET_THP_DISABLE, 0, 0, 0, 0) == 0, "PR_SET_THP_DISABLE 0: expected 0, saw %s", errno_name(errno));
	EXPECT_EQ("PR_GET_THP_DISABLE after clearing it", prctl(PR_GET_THP_DISABLE, 0, 0, 0, 0), 0);
	EXPECT_EQ("THPeligible of the old range after clearing", smaps_thp_eligible(p), 1);
	char *r = thp_region(LEN);
	fill_pattern(r, LEN, 43);
	EXPECT_EQ("AnonHugePages (kB) of a new range after clearing", smaps_kb(r, "AnonHugePages"), 4096);
	EXPECT_EQ("data with THP disabled (first bad offset)", check_pattern(p, LEN, 42), -1);
	test_done();
}
