/* thp_ranges_shows_last_scan_result (thpkernel only): /proc/PID/thp_ranges keeps, per
 * 2 MiB range, the last khugepaged or MADV_COLLAPSE verdict and its time. A full range
 * collapsed by MADV_COLLAPSE reads "SCAN_SUCCEED ... MADV_COLLAPSE" at once; then, with
 * max_ptes_none=0, khugepaged's passes leave "SCAN_PMD_MAPPED" (already huge) for it,
 * "SCAN_EXCEED_NONE_PTE" for a range with 8 pages present and "SCAN_PMD_NULL" for a
 * range never touched, all "khugepaged", with times between the /proc/uptime readings
 * taken around them. Another process reads the same lines through /proc/PID. */
#include "testlib.h"

#include <sys/mman.h>
#include <sys/wait.h>

static char *p;

/* uptime in seconds */
static double uptime(void)
{
	char buf[64];
	return read_file("/proc/uptime", buf, sizeof(buf)) > 0 ? atof(buf) : -1;
}

/* The line of /proc/PID/thp_ranges for addr: its result, time and origin. Returns 1 if found. */
static int range_line(pid_t pid, const void *addr, char result[64], double *when, char who[32])
{
	char path[64], want[32];
	snprintf(path, sizeof(path), "/proc/%d/thp_ranges", (int)pid);
	snprintf(want, sizeof(want), "%lx ", (unsigned long)addr);
	char *text = read_file_alloc(path);
	int found = 0;
	for (char *line = text; line && *line && !found; ) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = 0;
		if (!strncmp(line, want, strlen(want)))
			found = sscanf(line + strlen(want), "%63s %lf %31s", result, when, who) == 3;
		line = nl ? nl + 1 : NULL;
	}
	free(text);
	return found;
}

static void expect_range(const char *what, const void *addr, const char *result, const char *who,
			 double after, double before)
{
	char saw[64] = "", by[32] = "";
	double when = -1;
	if (!range_line(getpid(), addr, saw, &when, by)) {
		EXPECT(0, "/proc/%d/thp_ranges: expected a line for %s (%p), saw none", (int)getpid(), what, addr);
		return;
	}
	EXPECT(!strcmp(saw, result) && !strcmp(by, who), "%s: expected \"%s %s\", saw \"%s %s\"", what, result,
	       who, saw, by);
	EXPECT(when >= after - 0.01 && when <= before + 0.01, "%s: expected a time between %.2f and %.2f, saw %.6f",
	       what, after, before, when);
}

static int scanned_all(void *unused)
{
	(void)unused;
	char r0[64], r1[64], r2[64], w[32];
	double t;
	return range_line(getpid(), p, r0, &t, w) && !strcmp(r0, "SCAN_PMD_MAPPED") &&
	       range_line(getpid(), p + HPAGE_SIZE, r1, &t, w) && range_line(getpid(), p + 2 * HPAGE_SIZE, r2, &t, w);
}

static long full_scans0;

static int scanned_again(void *unused)
{
	(void)unused;
	return thp_get_long("khugepaged/full_scans") > full_scans0;
}

int main(void)
{
	if (!is_thpkernel())
		test_skip("/proc/PID/thp_ranges is thpkernel's own file");
	thp_set_enabled("madvise");
	p = mmap_aligned(3 * HPAGE_SIZE, HPAGE_SIZE);
	fill_pattern(p, HPAGE_SIZE, 71);			/* range 0: full */
	for (int i = 0; i < 512; i += 64)			/* range 1: 8 pages */
		fill_pattern(p + HPAGE_SIZE + i * PAGE_SIZE, PAGE_SIZE, 71);
	/* range 2: never touched */

	double t0 = uptime();
	EXPECT_EQ("madvise(range 0, MADV_COLLAPSE)", madvise(p, HPAGE_SIZE, MADV_COLLAPSE), 0);
	double t1 = uptime();
	expect_range("range 0 after MADV_COLLAPSE", p, "SCAN_SUCCEED", "MADV_COLLAPSE", t0, t1);

	thp_must_set("khugepaged/max_ptes_none", "0");
	khugepaged_fast();
	madvise(p, 3 * HPAGE_SIZE, MADV_HUGEPAGE);
	EXPECT(wait_for(scanned_all, NULL, khugepaged_timeout_ms()),
	       "thp_ranges: expected all three ranges scanned by khugepaged, saw:\n%s", read_file_alloc("/proc/self/thp_ranges"));
	double t2 = uptime();
	expect_range("range 0 (huge) after khugepaged", p, "SCAN_PMD_MAPPED", "khugepaged", t1, t2);
	expect_range("range 1 (8 of 512 pages) after khugepaged", p + HPAGE_SIZE, "SCAN_EXCEED_NONE_PTE", "khugepaged", t1, t2);
	expect_range("range 2 (untouched) after khugepaged", p + 2 * HPAGE_SIZE, "SCAN_PMD_NULL", "khugepaged", t1, t2);
	EXPECT_EQ("AnonHugePages (kB) of the three ranges", smaps_kb(p, "AnonHugePages"), HPAGE_KB);
	EXPECT_EQ("data of range 0 (first bad offset)", check_pattern(p, HPAGE_SIZE, 71), -1);

	/* the parent reads the child's file through /proc/PID */
	int up[2], down[2];
	REQUIRE(pipe(up) == 0 && pipe(down) == 0, "pipe: expected 0, saw %s", errno_name(errno));
	pid_t child = xfork();
	if (child == 0) {
		char *q = mmap_aligned(HPAGE_SIZE, HPAGE_SIZE);
		fill_pattern(q, HPAGE_SIZE, 72);
		int r = madvise(q, HPAGE_SIZE, MADV_COLLAPSE);
		write(up[1], &q, sizeof(q));
		recv_byte(down[0]);
		_exit(r ? 1 : 0);
	}
	char *q = NULL, result[64] = "", who[32] = "";
	double when;
	read(up[0], &q, sizeof(q));
	EXPECT(range_line(child, q, result, &when, who) && !strcmp(result, "SCAN_SUCCEED"),
	       "/proc/%d/thp_ranges of the child: expected \"%lx SCAN_SUCCEED\", saw \"%s\"", (int)child,
	       (unsigned long)q, result);
	send_byte(down[1], 'x');
	int st = wait_status(child);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child's MADV_COLLAPSE: expected exited 0, saw %s", status_text(st));

	/* Put the knobs back now and wait for the pass that this wakes khugepaged for:
	 * otherwise it would scan the next test's memory. */
	full_scans0 = thp_get_long("khugepaged/full_scans");
	thp_restore_all();
	EXPECT(wait_for(scanned_again, NULL, khugepaged_timeout_ms()), "khugepaged full_scans after the knobs were put back: "
	       "expected more than %ld, saw %ld", full_scans0, thp_get_long("khugepaged/full_scans"));
	test_done();
}
