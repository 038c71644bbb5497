/* underused_thp_split_under_pressure (thpkernel only; Linux 6.12 has the same splitter,
 * but the exact counts here depend on nothing else running): with max_ptes_none=409,
 * four THPs in which only 64 subpages hold data (448 zero-filled) and one full THP.
 * Memory pressure splits the four (thp_underused_split_page +4, thp_split_page +4),
 * leaves the full one huge, and frees the 4 x 448 zero-filled subpages: they are now
 * mapped to the shared zero page (Rss 4 x 256 kB, pagemap shows the zero page's pfn),
 * read as zeros, and take a write like any zero-page mapping. The data is intact and
 * the event ring has the underused_split lines. Needs a guest of at most 2 GiB. */
#include "testlib.h"

#include <sys/mman.h>
#include <sys/wait.h>

#define NHUGE 4
#define LEN (NHUGE * HPAGE_SIZE)

/* Subpage i of a THP holds data when i % 8 == 0: 64 of 512. */
static int has_data(int i) { return i % 8 == 0; }

int main(void)
{
	if (!is_thpkernel())
		test_skip("exact counts of thpkernel's underused-THP splitter");
	skip_unless_small_memory();
	thp_set_enabled("madvise");
	thp_must_set("khugepaged/max_ptes_none", "409");
	REQUIRE(write_file("/sys/kernel/debug/thp/events", "0") == 0, "clearing the event ring: expected 0");

	char *p = thp_region(LEN), *full = thp_region(HPAGE_SIZE);
	for (int h = 0; h < NHUGE; h++)
		for (int i = 0; i < 512; i++)
			if (has_data(i))
				fill_pattern(p + h * HPAGE_SIZE + i * PAGE_SIZE, PAGE_SIZE, 76);
	fill_pattern(full, HPAGE_SIZE, 77);
	EXPECT_EQ("AnonHugePages (kB) of the sparse THPs before", smaps_kb(p, "AnonHugePages"), NHUGE * HPAGE_KB);
	EXPECT_EQ("Rss (kB) of the sparse THPs before", smaps_kb(p, "Rss"), NHUGE * HPAGE_KB);

	long underused0 = vmstat("thp_underused_split_page"), split0 = vmstat("thp_split_page");
	long free0 = vmstat("nr_free_pages");
	int st = memory_pressure(split0 + NHUGE);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	       "pressure process (until thp_split_page grows by %d): expected exited 0, saw %s", NHUGE, status_text(st));
	EXPECT_DELTA("thp_underused_split_page", vmstat("thp_underused_split_page") - underused0, NHUGE);
	EXPECT_DELTA("thp_split_page", vmstat("thp_split_page") - split0, NHUGE);
	/* a few pages less may come back: the kernel keeps what it allocated for itself
	 * meanwhile (a slab page, the page table of a new kernel stack's vmap area) */
	long back = vmstat("nr_free_pages") - free0;
	EXPECT(back >= NHUGE * 448 - 8 && back <= NHUGE * 448,
	       "nr_free_pages after the pressure process exited, minus before it started: expected %d (up to 8 "
	       "less), saw %ld", NHUGE * 448, back);
	EXPECT_EQ("AnonHugePages (kB) of the sparse THPs after", smaps_kb(p, "AnonHugePages"), 0);
	EXPECT_EQ("Rss (kB) of the sparse THPs after", smaps_kb(p, "Rss"), NHUGE * 64 * 4);
	EXPECT_EQ("AnonHugePages (kB) of the full THP after", smaps_kb(full, "AnonHugePages"), HPAGE_KB);

	char *zp = mmap_guarded(PAGE_SIZE);
	EXPECT_EQ("a read of a fresh page", *(volatile char *)zp, 0);
	uint64_t zero_pfn = PM_PFN(pagemap_entry(zp));
	for (int h = 0; h < NHUGE; h++)
		for (int i = 0; i < 512; i++) {
			char *sub = p + h * HPAGE_SIZE + i * PAGE_SIZE;
			if (has_data(i)) {
				EXPECT(check_pattern(sub, PAGE_SIZE, 76) == -1, "THP %d subpage %d: expected its data", h, i);
				continue;
			}
			uint64_t e = pagemap_entry(sub);
			if (!(e & PM_PRESENT) || PM_PFN(e) != zero_pfn || find_nonzero(sub, PAGE_SIZE) != -1) {
				EXPECT(0, "THP %d subpage %d: expected the zero page (pfn %#lx) reading zeros, saw pagemap %#llx",
				       h, i, (unsigned long)zero_pfn, (unsigned long long)e);
				h = NHUGE;
				break;
			}
		}
	EXPECT_EQ("data of the full THP (first bad offset)", check_pattern(full, HPAGE_SIZE, 77), -1);
	p[5 * PAGE_SIZE] = 42;
	EXPECT_EQ("a write to a zero-page subpage, read back", p[5 * PAGE_SIZE], 42);
	EXPECT_EQ("Rss (kB) after that write", smaps_kb(p, "Rss"), NHUGE * 64 * 4 + 4);

	char *events = read_file_alloc("/sys/kernel/debug/thp/events");
	int n = 0;
	for (char *line = events; line && *line; ) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = 0;
		n += has_word(line, "underused_split") && has_word(line, "zero_subpages_freed=448");
		line = nl ? nl + 1 : NULL;
	}
	EXPECT_EQ("underused_split lines with zero_subpages_freed=448 in the event ring", n, NHUGE);
	free(events);
	test_done();
}
