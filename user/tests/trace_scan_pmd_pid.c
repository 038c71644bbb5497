/* trace_scan_pmd_pid (thpkernel only): the hpage_collapse_scan_pmd tracepoint, the
 * course note's bpftrace probe made a trace event, names the pid of the process whose
 * range khugepaged scanned, with the range's address and SCAN_SUCCEED, and a
 * collapse_huge_page line follows for that pid. */
#include "testlib.h"

#include <sys/mman.h>
#include <sys/wait.h>

#define EVENTS "/sys/kernel/tracing/events/thp/"

static char want_pid[32], want_addr[32];

static void events_off(void)
{
	write_file(EVENTS "hpage_collapse_scan_pmd/enable", "0");
	write_file(EVENTS "collapse_huge_page/enable", "0");
}

/* 1 if the trace holds a line with all of event, want_pid and (if addr) want_addr. */
static int trace_has(const char *event, int addr)
{
	char *text = read_file_alloc("/sys/kernel/tracing/trace");
	int found = 0;

	for (char *line = text; line && *line && !found; ) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = 0;
		found = strstr(line, event) && has_word(line, want_pid) && (!addr || has_word(line, want_addr)) &&
			(strcmp(event, "hpage_collapse_scan_pmd:") || has_word(line, "result=SCAN_SUCCEED"));
		line = nl ? nl + 1 : NULL;
	}
	free(text);
	return found;
}

static int scan_line(void *unused) { (void)unused; return trace_has("hpage_collapse_scan_pmd:", 1); }
static int collapse_line(void *unused) { (void)unused; return trace_has("collapse_huge_page:", 0); }

int main(void)
{
	int up[2], down[2];

	if (!is_thpkernel())
		test_skip("thpkernel's thp trace events; Linux has huge_memory/mm_khugepaged_scan_pmd instead");
	thp_set_enabled("madvise");
	atexit(events_off);
	EXPECT_EQ("enabling hpage_collapse_scan_pmd", write_file(EVENTS "hpage_collapse_scan_pmd/enable", "1"), 0);
	EXPECT_EQ("enabling collapse_huge_page", write_file(EVENTS "collapse_huge_page/enable", "1"), 0);
	REQUIRE(pipe(up) == 0 && pipe(down) == 0, "pipe: expected 0, saw %s", errno_name(errno));

	pid_t pid = xfork();
	if (pid == 0) {
		char *p = mmap_aligned(HPAGE_SIZE, HPAGE_SIZE);
		madvise(p, HPAGE_SIZE, MADV_NOHUGEPAGE);
		fill_pattern(p, HPAGE_SIZE, 67);
		madvise(p, HPAGE_SIZE, MADV_HUGEPAGE);
		write(up[1], &p, sizeof(p));
		recv_byte(down[0]);
		_exit(0);
	}
	char *p = NULL;
	read(up[0], &p, sizeof(p));
	snprintf(want_pid, sizeof(want_pid), "pid=%d", (int)pid);
	snprintf(want_addr, sizeof(want_addr), "addr=%#lx", (unsigned long)p);
	khugepaged_fast();
	EXPECT(wait_for(scan_line, NULL, khugepaged_timeout_ms()),
	       "/sys/kernel/tracing/trace: expected \"hpage_collapse_scan_pmd: %s %s result=SCAN_SUCCEED\", saw no such line",
	       want_pid, want_addr);
	EXPECT(wait_for(collapse_line, NULL, 5000), "/sys/kernel/tracing/trace: expected a collapse_huge_page line with %s, saw none",
	       want_pid);
	send_byte(down[1], 'x');
	wait_status(pid);
	test_done();
}
