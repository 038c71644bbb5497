/* smaps_thpreason_names_the_failed_condition (thpkernel only): the THPreason line of
 * /proc/PID/smaps names the first hugepage_vma_check condition a VMA fails, and agrees
 * with THPeligible: "madvise-not-requested" for a plain mapping in madvise mode,
 * "eligible" once it has MADV_HUGEPAGE, "nohugepage", "too-small" (no aligned 2 MiB
 * inside), "shared" (MAP_SHARED), "never" in never mode, "prctl-disabled" after
 * PR_SET_THP_DISABLE; and in always mode the plain mapping becomes "eligible". */
#include "testlib.h"

#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>

static void expect_reason(const char *what, const void *addr, const char *want, int eligible)
{
	const char *saw = smaps_string(addr, "THPreason");
	EXPECT(!strcmp(saw, want), "THPreason of %s: expected \"%s\", saw \"%s\"", what, want, saw);
	EXPECT_EQ(what, smaps_thp_eligible(addr), eligible);
}

static int prctl_child(void *unused)
{
	(void)unused;
	char *q = thp_region(4 * MB);
	if (prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0))
		return 2;
	expect_reason("a MADV_HUGEPAGE mapping after PR_SET_THP_DISABLE", q, "prctl-disabled", 0);
	return test_failures ? 1 : 0;
}

int main(void)
{
	if (!is_thpkernel())
		test_skip("THPreason is thpkernel's own smaps line");
	thp_set_enabled("madvise");
	char *plain = mmap_aligned(4 * MB, HPAGE_SIZE);
	char *hinted = thp_region(4 * MB);
	char *refused = thp_region(4 * MB);
	madvise(refused, 4 * MB, MADV_NOHUGEPAGE);
	char *small = mmap_guarded(MB);
	madvise(small, MB, MADV_HUGEPAGE);
	char *shared = mmap(NULL, 4 * MB, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	REQUIRE(shared != MAP_FAILED, "mmap(MAP_SHARED): expected success, saw %s", errno_name(errno));
	madvise(shared, 4 * MB, MADV_HUGEPAGE);

	expect_reason("a plain mapping in madvise mode", plain, "madvise-not-requested", 0);
	expect_reason("a MADV_HUGEPAGE mapping", hinted, "eligible", 1);
	expect_reason("a MADV_NOHUGEPAGE mapping", refused, "nohugepage", 0);
	expect_reason("a mapping with no aligned 2 MiB inside", small, "too-small", 0);
	expect_reason("a MAP_SHARED mapping", shared, "shared", 0);

	thp_set_enabled("never");
	expect_reason("a MADV_HUGEPAGE mapping in never mode", hinted, "never", 0);
	thp_set_enabled("always");
	expect_reason("a plain mapping in always mode", plain, "eligible", 1);
	expect_reason("a MADV_NOHUGEPAGE mapping in always mode", refused, "nohugepage", 0);

	thp_set_enabled("madvise");
	int st = run_in_child(prctl_child, NULL);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child with PR_SET_THP_DISABLE: expected exited 0, saw %s",
	       status_text(st));
	test_done();
}
