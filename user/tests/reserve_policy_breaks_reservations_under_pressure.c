/* reserve_policy_breaks_reservations_under_pressure (thpkernel only): with
 * thp_policy=reserve, 8 pages written in each of eight 2 MiB ranges reserve eight
 * blocks: nr_free_pages falls by at least 8 x 512 pages although Rss is 8 x 32 kB.
 * Memory pressure breaks the eight reservations (thp_reserv_broken +8) and gives the
 * 8 x 504 unused pages back (exactly, once the pressure process has exited); the 64
 * written pages keep their data. Writing more of those ranges then reserves nothing
 * and promotes nothing. Needs a guest of at most 2 GiB. */
#include "testlib.h"

#include <sys/mman.h>
#include <sys/wait.h>

#define NRANGES 8
#define LEN (NRANGES * HPAGE_SIZE)

int main(void)
{
	if (!is_thpkernel())
		test_skip("thp_policy=reserve is thpkernel's own");
	skip_unless_small_memory();
	thp_set_enabled("madvise");
	thp_must_set("thp_policy", "reserve");
	/* once the reservations are broken, khugepaged must not collapse the ranges
	 * while free pages are being counted */
	thp_must_set("khugepaged/max_ptes_none", "0");

	char *p = thp_region(LEN);
	long resv0 = vmstat("thp_reserv_alloc"), free0 = vmstat("nr_free_pages");
	for (int r = 0; r < NRANGES; r++)
		for (int i = 0; i < 8; i++)
			fill_pattern(p + r * HPAGE_SIZE + i * 64 * PAGE_SIZE, PAGE_SIZE, 81);
	long used = free0 - vmstat("nr_free_pages");
	EXPECT_DELTA("thp_reserv_alloc", vmstat("thp_reserv_alloc") - resv0, NRANGES);
	EXPECT(used >= NRANGES * 512 && used <= NRANGES * 512 + 16,
	       "nr_free_pages drop with 8 reservations: expected %d to %d pages, saw %ld", NRANGES * 512,
	       NRANGES * 512 + 16, used);
	EXPECT_EQ("Rss (kB)", smaps_kb(p, "Rss"), NRANGES * 8 * 4);
	EXPECT_EQ("AnonHugePages (kB)", smaps_kb(p, "AnonHugePages"), 0);

	long broken0 = vmstat("thp_reserv_broken"), free1 = vmstat("nr_free_pages");
	int st = memory_pressure_until("thp_reserv_broken", broken0 + NRANGES);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	       "pressure process (until thp_reserv_broken grows by %d): expected exited 0, saw %s", NRANGES,
	       status_text(st));
	EXPECT_DELTA("thp_reserv_broken", vmstat("thp_reserv_broken") - broken0, NRANGES);
	/* a few pages less may come back: the kernel keeps what it allocated for itself
	 * meanwhile (a slab page, the page table of a new kernel stack's vmap area) */
	long back = vmstat("nr_free_pages") - free1;
	EXPECT(back >= NRANGES * 504 - 8 && back <= NRANGES * 504,
	       "nr_free_pages after the pressure process exited, minus before it started: expected %d (up to 8 "
	       "less), saw %ld", NRANGES * 504, back);
	for (int r = 0; r < NRANGES; r++)
		for (int i = 0; i < 8; i++)
			EXPECT(check_pattern(p + r * HPAGE_SIZE + i * 64 * PAGE_SIZE, PAGE_SIZE, 81) == -1,
			       "range %d page %d after the break: expected its data", r, i * 64);

	long resv1 = vmstat("thp_reserv_alloc"), prom1 = vmstat("thp_promote");
	fill_pattern(p, HPAGE_SIZE, 82);
	EXPECT_DELTA("thp_reserv_alloc when a broken range is written", vmstat("thp_reserv_alloc") - resv1, 0);
	EXPECT_DELTA("thp_promote when a broken range is written", vmstat("thp_promote") - prom1, 0);
	EXPECT_EQ("data of the rewritten range (first bad offset)", check_pattern(p, HPAGE_SIZE, 82), -1);
	test_done();
}
