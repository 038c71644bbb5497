/* thp_events_record_fault_split_collapse (thpkernel only): the THP event ring
 * (/sys/kernel/debug/thp/events) records, in order and with the right pid, address and
 * pfn (the pfn /proc/PID/pagemap shows): a child's two THP faults (fault_alloc), the
 * split of one of its PMDs by a munmap of one page (split_pmd, deferred_add), the THP
 * leaving the deferred split queue when the child exits (deferred_remove why=freed),
 * and the parent's MADV_COLLAPSE (collapse_start via=MADV_COLLAPSE, collapse_end
 * result=SCAN_SUCCEED with the new THP's pfn). `thpstat -e PID` prints the child's
 * lines and no other process's. */
#include "testlib.h"

#include <sys/mman.h>
#include <sys/wait.h>

#define EVENTS "/sys/kernel/debug/thp/events"

static char *lines[4096];
static int nlines;

static void load_events(void)
{
	char *text = read_file_alloc(EVENTS);
	nlines = 0;
	for (char *line = text; line && *line && nlines < 4096; ) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = 0;
		if (*line != '#')
			lines[nlines++] = line;
		line = nl ? nl + 1 : NULL;
	}
}

/* The index of the first line from `from` on with event and every word (NULL-ended), or -1. */
static int find_event(int from, const char *event, const char *w1, const char *w2, const char *w3)
{
	for (int i = from < 0 ? 0 : from; i < nlines; i++)
		if (has_word(lines[i], event) && (!w1 || has_word(lines[i], w1)) && (!w2 || has_word(lines[i], w2)) &&
		    (!w3 || has_word(lines[i], w3)))
			return i;
	return -1;
}

static double event_time(int i) { return i >= 0 ? atof(lines[i]) : -1; }

static void expect_event(const char *what, int i, int after)
{
	EXPECT(i >= 0, "%s: expected a line in %s, saw none (%d lines)", what, EVENTS, nlines);
	if (i >= 0 && after >= 0)
		EXPECT(i > after && event_time(i) >= event_time(after),
		       "%s: expected after \"%s\", saw it at line %d before line %d", what, lines[after], i, after);
}

int main(void)
{
	if (!is_thpkernel())
		test_skip("the THP event ring is thpkernel's own");
	thp_set_enabled("madvise");
	EXPECT_EQ("clearing the ring (write)", write_file(EVENTS, "0"), 0);

	int up[2];
	REQUIRE(pipe(up) == 0, "pipe: expected 0, saw %s", errno_name(errno));
	pid_t child = xfork();
	if (child == 0) {
		char *c = thp_region(4 * MB);
		fill_pattern(c, 4 * MB, 73);
		unsigned long msg[3] = { (unsigned long)c, PM_PFN(pagemap_entry(c)),
					 PM_PFN(pagemap_entry(c + HPAGE_SIZE)) };
		munmap(c + 3 * PAGE_SIZE, PAGE_SIZE);
		write(up[1], msg, sizeof(msg));
		_exit(0);
	}
	unsigned long msg[3] = { 0 };
	read(up[0], msg, sizeof(msg));
	wait_status(child);

	char *q = mmap_aligned(HPAGE_SIZE, HPAGE_SIZE);
	fill_pattern(q, HPAGE_SIZE, 74);
	EXPECT_EQ("madvise(MADV_COLLAPSE)", madvise(q, HPAGE_SIZE, MADV_COLLAPSE), 0);
	unsigned long qpfn = PM_PFN(pagemap_entry(q));

	char cpid[32], me[32], a0[48], a1[48], aq[48], f0[48], f1[48], fq[48];
	snprintf(cpid, sizeof(cpid), "pid=%d", (int)child);
	snprintf(me, sizeof(me), "pid=%d", (int)getpid());
	snprintf(a0, sizeof(a0), "addr=%#lx", msg[0]);
	snprintf(a1, sizeof(a1), "addr=%#lx", msg[0] + HPAGE_SIZE);
	snprintf(aq, sizeof(aq), "addr=%#lx", (unsigned long)q);
	snprintf(f0, sizeof(f0), "pfn=%#lx", msg[1]);
	snprintf(f1, sizeof(f1), "pfn=%#lx", msg[2]);
	snprintf(fq, sizeof(fq), "pfn=%#lx", qpfn);

	load_events();
	int fault0 = find_event(0, "fault_alloc", cpid, a0, f0);
	int fault1 = find_event(0, "fault_alloc", cpid, a1, f1);
	int split = find_event(0, "split_pmd", cpid, a0, f0);
	int queued = find_event(0, "deferred_add", cpid, f0, NULL);
	int freed = find_event(0, "deferred_remove", f0, "why=freed", NULL);
	int start = find_event(0, "collapse_start", me, aq, "via=MADV_COLLAPSE");
	int end = find_event(0, "collapse_end", me, aq, "result=SCAN_SUCCEED");
	expect_event("fault_alloc of the child's first THP", fault0, -1);
	expect_event("fault_alloc of the child's second THP", fault1, fault0);
	expect_event("split_pmd of the child's first THP", split, fault1);
	expect_event("deferred_add of the child's first THP", queued, split);
	expect_event("deferred_remove (freed) of the child's first THP", freed, queued);
	expect_event("collapse_start of the parent's range", start, freed);
	expect_event("collapse_end of the parent's range", end, start);
	if (end >= 0)
		EXPECT(has_word(lines[end], fq), "collapse_end: expected %s (pagemap's), saw \"%s\"", fq, lines[end]);

	char *argv[] = { "/bin/thpstat", "-e", cpid + 4, NULL };
	int st;
	char *out = run_output(argv, &st);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "thpstat -e %s: expected exited 0, saw %s", cpid + 4, status_text(st));
	EXPECT(strstr(out, "fault_alloc") && strstr(out, a0) && strstr(out, "split_pmd"),
	       "thpstat -e %s: expected the child's fault_alloc and split_pmd lines, saw:\n%s", cpid + 4, out);
	EXPECT(!strstr(out, me), "thpstat -e %s: expected only %s lines, saw a %s line:\n%s", cpid + 4, cpid, me, out);
	free(out);
	test_done();
}
