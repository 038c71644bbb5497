/* trace_thp_fault_split (thpkernel only): with the thp trace events enabled, a huge
 * fault logs do_huge_pmd_anonymous_page (pid, addr, pfn) and
 * pgtable_trans_huge_deposit, and a 4 KiB munmap inside it logs split_huge_pmd and
 * pgtable_trans_huge_withdraw, each naming this pid and an address in the range. */
#include "testlib.h"

#include <sys/mman.h>

#define EVENTS "/sys/kernel/tracing/events/thp/"

static const char *const events[] = { "do_huge_pmd_anonymous_page", "pgtable_trans_huge_deposit", "split_huge_pmd",
				       "pgtable_trans_huge_withdraw" };
#define NEV (sizeof(events) / sizeof(events[0]))

static void events_off(void)
{
	char path[128];

	for (size_t i = 0; i < NEV; i++) {
		snprintf(path, sizeof(path), EVENTS "%s/enable", events[i]);
		write_file(path, "0");
	}
}

/* 1 if a line of text (modified: split at newlines) has "event:", this pid and an
 * addr= inside [lo, lo + 2 MiB), and a pfn= when need_pfn. */
static int trace_has(char *text, const char *event, unsigned long lo, int need_pfn)
{
	char key[64], pid[32];

	snprintf(key, sizeof(key), "%s:", event);
	snprintf(pid, sizeof(pid), "pid=%d", (int)getpid());
	for (char *line = text; line && *line; ) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = 0;
		const char *a = strstr(line, "addr=0x");
		if (strstr(line, key) && has_word(line, pid) && a && (!need_pfn || strstr(line, "pfn="))) {
			unsigned long addr = strtoul(a + 5, NULL, 16);
			if (addr >= lo && addr < lo + HPAGE_SIZE) {
				if (nl)
					*nl = '\n';	/* leave the text whole for the next search */
				return 1;
			}
		}
		if (nl)
			*nl = '\n';
		line = nl ? nl + 1 : NULL;
	}
	return 0;
}

int main(void)
{
	char path[128];

	if (!is_thpkernel())
		test_skip("thpkernel's thp trace events; Linux's huge_memory events differ");
	thp_set_enabled("madvise");
	atexit(events_off);
	for (size_t i = 0; i < NEV; i++) {
		snprintf(path, sizeof(path), EVENTS "%s/enable", events[i]);
		EXPECT(write_file(path, "1") == 0, "enabling %s: expected success", events[i]);
	}
	char *p = thp_region(HPAGE_SIZE);
	p[0] = 1;
	munmap(p + 5 * PAGE_SIZE, PAGE_SIZE);
	char *text = read_file_alloc("/sys/kernel/tracing/trace");
	REQUIRE(text, "reading /sys/kernel/tracing/trace: expected its text, saw %s", errno_name(errno));
	for (size_t i = 0; i < NEV; i++)
		EXPECT(trace_has(text, events[i], (unsigned long)p, i == 0),
		       "trace: expected a \"%s:\" line with pid=%d and an addr in %p-%p%s, saw none", events[i], (int)getpid(),
		       (void *)p, (void *)(p + HPAGE_SIZE), i == 0 ? " and a pfn" : "");
	free(text);
	test_done();
}
