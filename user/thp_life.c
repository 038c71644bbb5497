/* thp_life: the life of one transparent huge page in four lines, for /etc/rc.
 * One 2 MiB range: a THP fault makes it huge, a 4 KiB munmap splits the PMD,
 * the hole is filled again with a 4 KiB page, and MADV_COLLAPSE makes the
 * 512 small pages one THP again. Each line shows AnonHugePages (smaps), the
 * range's page table (/proc/self/ptdump, thpkernel only) and the /proc/vmstat
 * counters that moved. Exits 1 if a step did not do what its line says.
 * usage: thp_life */
#include "testlib.h"

#include <sys/mman.h>

#define HOLE (100 * PAGE_SIZE)		/* offset of the 4 KiB page unmapped */

static const char *counters[] = {
	"thp_fault_alloc", "thp_collapse_alloc", "thp_split_pmd", "thp_deferred_split_page",
	"thp_split_page",
};
#define NR_COUNTERS (sizeof(counters) / sizeof(counters[0]))

static char *range;
static long before[NR_COUNTERS];

static void snapshot(void)
{
	for (size_t i = 0; i < NR_COUNTERS; i++)
		before[i] = vmstat(counters[i]);
}

/* The range's page table in words, from /proc/self/ptdump: "huge PMD" or
 * "N PTEs", and how many PTE tables its PMD table keeps deposited. "-"
 * where there is no ptdump (Linux). */
static const char *page_table(void)
{
	static char out[64];
	char arg[64], *text, *line;
	int huge = 0, ptes = 0, deposited = 0;

	snprintf(arg, sizeof(arg), "%lx %lx", (unsigned long)range, (unsigned long)range + HPAGE_SIZE);
	if (write_file("/proc/self/ptdump", arg) || !(text = read_file_alloc("/proc/self/ptdump")))
		return "-";
	for (line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		int a, b;
		char *dep = strstr(line, "deposited=");
		if (!strncmp(line, "    pmd ", 8) && strstr(line, " HUGE "))
			huge = 1;
		else if (!strncmp(line, "  pud ", 6) && dep && strncmp(dep + 10, "none", 4)) {
			deposited = 1;
			for (dep += 10; *dep && *dep != ' '; dep++)
				deposited += *dep == ',';
		} else if (sscanf(line, "      pte %d-%d", &a, &b) == 2)
			ptes += b - a + 1;
		else if (sscanf(line, "      pte %d", &a) == 1)
			ptes++;
	}
	free(text);
	if (huge)
		snprintf(out, sizeof(out), "huge PMD, %d deposited", deposited);
	else if (deposited)
		snprintf(out, sizeof(out), "%d PTEs, %d deposited", ptes, deposited);
	else
		snprintf(out, sizeof(out), "%d PTEs", ptes);
	return out;
}

/* One line: the event, what it did, and the counters that changed. */
static void event(const char *name, const char *what)
{
	long kb = smaps_sum(0, range, HPAGE_SIZE, "AnonHugePages");
	char changes[256] = "";
	size_t n = 0;

	for (size_t i = 0; i < NR_COUNTERS; i++) {
		long d = vmstat(counters[i]) - before[i];
		if (d && n < sizeof(changes))
			n += snprintf(changes + n, sizeof(changes) - n, " %s %+ld", counters[i], d);
	}
	printf("  %-9s%-24s%11ld kB  %-*s%s\n", name, what, kb, *changes ? 22 : 0, page_table(), changes);
	fflush(stdout);
	snapshot();
}

int main(void)
{
	printf("thp_life: one THP's life in a 2 MiB range with madvise(MADV_HUGEPAGE)\n");
	printf("  %-9s%-24s%14s  %-22s %s\n", "event", "what the program did", "AnonHugePages",
	       "page table", "/proc/vmstat changes");
	range = thp_region(HPAGE_SIZE);
	snapshot();

	memset(range, 1, HPAGE_SIZE);
	event("fault", "write 2 MiB");
	EXPECT_EQ("fault: AnonHugePages (kB)", smaps_sum(0, range, HPAGE_SIZE, "AnonHugePages"), HPAGE_KB);

	EXPECT_EQ("munmap of 4 KiB", munmap(range + HOLE, PAGE_SIZE), 0);
	event("split", "munmap 4 KiB");
	EXPECT_EQ("split: AnonHugePages (kB)", smaps_sum(0, range, HPAGE_SIZE, "AnonHugePages"), 0);

	/* the new page's VMA joins its neighbours (same flags) before it is written */
	char *page = mmap(range + HOLE, PAGE_SIZE, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	REQUIRE(page == range + HOLE, "mmap of the hole: expected %p, saw %p", (void *)(range + HOLE), (void *)page);
	madvise(range, HPAGE_SIZE, MADV_HUGEPAGE);
	memset(page, 1, PAGE_SIZE);
	event("refill", "mmap + write that 4 KiB");

	EXPECT_EQ("madvise(MADV_COLLAPSE)", madvise(range, HPAGE_SIZE, MADV_COLLAPSE), 0);
	event("collapse", "madvise(MADV_COLLAPSE)");
	EXPECT_EQ("collapse: AnonHugePages (kB)", smaps_sum(0, range, HPAGE_SIZE, "AnonHugePages"), HPAGE_KB);
	for (unsigned long i = 0; i < HPAGE_SIZE; i++)
		REQUIRE(range[i] == 1, "byte %lu after the collapse: expected 1, saw %d", i, range[i]);
	test_done();
}
