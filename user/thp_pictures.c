/* thp_pictures: the course note's story of one THP, with the page tables of
 * both processes printed after each step, for `make pictures` (scripts/pt2dot.py
 * draws each step as docs/pictures/stepN.svg). The steps:
 *   1. A writes a 2 MiB range: a THP fault, one huge PMD, one deposited PTE table;
 *   2. A forks B: B's PMD maps the same THP;
 *   3. A munmaps 4 KiB: A's PMD splits (into its deposited table), B's stays huge;
 *   4. B munmaps the same 4 KiB: no huge PMD is left, the THP waits for reclaim;
 *   5. memory pressure: reclaim splits the THP itself and frees the unmapped page.
 * After each step, for A and then B (once it exists):
 *   === PTDUMP step N: TITLE pid=PID proc=A ===
 *   (/proc/PID/ptdump for the THP's 2 MiB)
 *   === END ===
 * and once per step "=== VMSTAT step N: name=value ... ===". Exits 0 when every
 * step did what its title says, 1 otherwise. usage: thp_pictures */
#include "testlib.h"

#include <stdarg.h>
#include <sys/mman.h>

#define HOLE_INDEX 100		/* the 4 KiB page both processes unmap */

static char *thp, *hole;
static int cmd[2], rep[2];

/* Print one process's page tables for the THP's range between markers. */
static void dump(int step, const char *title, pid_t pid, const char *name)
{
	char path[64], range[64];
	char *text;

	snprintf(path, sizeof(path), "/proc/%d/ptdump", pid);
	snprintf(range, sizeof(range), "%lx %lx", (unsigned long)thp, (unsigned long)thp + HPAGE_SIZE);
	printf("=== PTDUMP step %d: %s pid=%d proc=%s ===\n", step, title, pid, name);
	if (write_file(path, range) == 0 && (text = read_file_alloc(path))) {
		fputs(text, stdout);
		free(text);
	} else {
		printf("(cannot read %s)\n", path);
	}
	printf("=== END ===\n");
}

/* The counters, then A's and B's page tables (b == 0: B does not exist yet),
 * under the title made from fmt. */
__attribute__((format(printf, 4, 5)))
static void show_step(int step, pid_t a, pid_t b, const char *fmt, ...)
{
	char title[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(title, sizeof(title), fmt, ap);
	va_end(ap);
	printf("=== VMSTAT step %d: thp_fault_alloc=%ld thp_split_pmd=%ld thp_deferred_split_page=%ld "
	       "thp_split_page=%ld nr_pgtable_deposited=%ld ===\n", step, vmstat("thp_fault_alloc"),
	       vmstat("thp_split_pmd"), vmstat("thp_deferred_split_page"), vmstat("thp_split_page"),
	       vmstat("nr_pgtable_deposited"));
	dump(step, title, a, "A");
	if (b > 0)
		dump(step, title, b, "B");
	fflush(stdout);
}

/* B: on 'u' munmap the hole, on anything else exit; answers 'y' or 'n'. */
static void process_b(void)
{
	while (recv_byte(cmd[0]) == 'u')
		send_byte(rep[1], munmap(hole, PAGE_SIZE) == 0 ? 'y' : 'n');
	_exit(0);
}

int main(void)
{
	pid_t a = getpid(), b;
	long v;

	REQUIRE(pipe(cmd) == 0 && pipe(rep) == 0, "pipe: expected 0, saw %s", errno_name(errno));
	thp = thp_region(HPAGE_SIZE);
	hole = thp + HOLE_INDEX * PAGE_SIZE;

	v = vmstat("thp_fault_alloc");
	fill_pattern(thp, HPAGE_SIZE, 7);
	EXPECT_EQ("step 1: thp_fault_alloc growth", vmstat("thp_fault_alloc") - v, 1);
	show_step(1, a, 0, "A wrote 2 MiB: a THP fault; one huge PMD maps the THP, one PTE table is deposited");

	b = xfork();
	if (b == 0)
		process_b();
	EXPECT_EQ("step 2: B's AnonHugePages (kB)", smaps_field(b, thp, "AnonHugePages"), HPAGE_KB);
	show_step(2, a, b, "A forked B: B's huge PMD maps the same THP, and B's PMD table has its own "
		  "deposited PTE table");

	v = vmstat("thp_split_pmd");
	EXPECT_EQ("step 3: A's munmap of 4 KiB", munmap(hole, PAGE_SIZE), 0);
	EXPECT_EQ("step 3: thp_split_pmd growth", vmstat("thp_split_pmd") - v, 1);
	show_step(3, a, b, "A munmapped 4 KiB: A's PMD split (the deposited table became its PTE table); "
		  "B's PMD stays huge");

	send_byte(cmd[1], 'u');
	EXPECT(recv_byte(rep[0]) == 'y', "step 4: B's munmap of 4 KiB: expected success, saw failure");
	EXPECT_EQ("step 4: thp_split_pmd growth", vmstat("thp_split_pmd") - v, 2);
	show_step(4, a, b, "B munmapped the same 4 KiB: B's PMD split too; no huge PMD maps the THP, "
		  "subpage %d is mapped by nobody", HOLE_INDEX);

	v = vmstat("thp_split_page");
	int st = memory_pressure(v + 1);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	       "step 5: memory pressure until thp_split_page grows: expected exited 0, saw %s",
	       status_text(st));
	show_step(5, a, b, "Memory pressure: reclaim split the THP itself (split_huge_page) and freed "
		  "subpage %d", HOLE_INDEX);
	EXPECT(check_pattern(thp, HOLE_INDEX * PAGE_SIZE, 7) == -1 &&
	       check_pattern(hole + PAGE_SIZE, thp + HPAGE_SIZE - hole - PAGE_SIZE, 7) == -1,
	       "A's data after the split: expected intact, saw a difference");

	send_byte(cmd[1], 'x');
	wait_status(b);
	test_done();
}
