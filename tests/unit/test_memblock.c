/* Host tests of memblock (mm/memblock.c), the boot-time map of RAM: the
 * sorted, merged region lists, memblock_phys_alloc, and memblock_free_all,
 * whose releases to the buddy allocator are recorded here and compared
 * with a page-by-page model: memory minus reserved minus the first 1 MiB. */
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include "harness.h"

/* ---- what memblock.c calls outside itself: record each release ---- */

struct range {
	unsigned long start, end;
};
static struct range released[4096];
static int nreleased;

void __free_pages_core_range(unsigned long start_pfn, unsigned long end_pfn)
{
	if (nreleased < (int)ARRAY_SIZE(released))
		released[nreleased] = (struct range){ start_pfn, end_pfn };
	nreleased++;
}

static void reset(void)
{
	memset(&memblock, 0, sizeof(memblock));
	nreleased = 0;
}

/* "[base-end) ..." of a region list, for messages. */
static const char *regions(const struct memblock_type *t)
{
	static char buf[2][2048];
	static int which;
	char *b = buf[which ^= 1];
	int n = 0;
	b[0] = 0;
	for (unsigned long i = 0; i < t->cnt && n < (int)sizeof(buf[0]) - 40; i++)
		n += h_snprintf(b + n, sizeof(buf[0]) - n, "%s[%#lx-%#lx)", i ? " " : "",
				t->regions[i].base, t->regions[i].base + t->regions[i].size);
	return b;
}

static void regions_sorted_after_unordered_adds(void)
{
	reset();
	memblock_add(0x300000, 0x1000);
	memblock_add(0x100000, 0x1000);
	memblock_add(0x500000, 0x1000);
	memblock_add(0x200000, 0x1000);
	expect_str("memory regions", "[0x100000-0x101000) [0x200000-0x201000) [0x300000-0x301000) [0x500000-0x501000)",
		   regions(&memblock.memory));
}

static void touching_and_overlapping_adds_merge(void)
{
	reset();
	memblock_add(0x1000, 0x1000);
	memblock_add(0x2000, 0x1000);			/* touches above */
	if (!expect_str("after a touching add", "[0x1000-0x3000)", regions(&memblock.memory)))
		return;
	memblock_add(0x800, 0x1000);			/* overlaps below */
	if (!expect_str("after an overlap below", "[0x800-0x3000)", regions(&memblock.memory)))
		return;
	memblock_add(0x1800, 0x100);			/* inside */
	if (!expect_str("after an add inside", "[0x800-0x3000)", regions(&memblock.memory)))
		return;
	memblock_add(0x5000, 0x1000);
	memblock_add(0x8000, 0x1000);
	memblock_add(0xa000, 0x1000);
	memblock_add(0x2800, 0x6000);			/* swallows 0x5000, overlaps 0x8000 */
	if (!expect_str("after an add spanning two regions", "[0x800-0x9000) [0xa000-0xb000)",
			regions(&memblock.memory)))
		return;
	memblock_add(0x9000, 0x1000);			/* fills the gap exactly */
	expect_str("after filling the last gap", "[0x800-0xb000)", regions(&memblock.memory));
}

static void zero_size_add_is_ignored(void)
{
	reset();
	if (!expect_l("memblock_add(size 0)", 0, memblock_add(0x1000, 0)))
		return;
	expect_ul("regions", 0, memblock.memory.cnt);
}

static void reserve_merges_like_add(void)
{
	reset();
	memblock_reserve(0x200000, 0x1000);
	memblock_reserve(0x100000, 0x100000);
	memblock_reserve(0x400000, 0x10);
	if (!expect_str("reserved regions", "[0x100000-0x201000) [0x400000-0x400010)", regions(&memblock.reserved)))
		return;
	expect_ul("memblock_reserved_size()", 0x101010, memblock_reserved_size());
}

static void full_table_refuses_a_new_region_but_still_merges(void)
{
	reset();
	for (unsigned long i = 0; i < MEMBLOCK_MAX_REGIONS; i++)
		if (memblock_add(i * 0x10000, 0x1000))
			return (void)fail("expected region %lu accepted, saw -1", i);
	if (!expect_l("memblock_add of region 65", -1, memblock_add(0x10000000, 0x1000)) ||
	    !expect_ul("regions", MEMBLOCK_MAX_REGIONS, memblock.memory.cnt))
		return;
	if (!expect_l("memblock_add touching a region of a full table", 0, memblock_add(0x1000, 0x1000)))
		return;
	expect_ul("size of the grown region", 0x2000, memblock.memory.regions[0].size);
}

static void end_of_dram_is_the_end_of_the_last_region(void)
{
	reset();
	if (!expect_ul("memblock_end_of_DRAM() with no memory", 0, memblock_end_of_DRAM()))
		return;
	memblock_add(0x100000, 0x7f00000);
	memblock_add(0, 0x9fc00);
	expect_ul("memblock_end_of_DRAM()", 0x8000000, memblock_end_of_DRAM());
}

static void phys_alloc_skips_the_first_mib_and_aligns(void)
{
	reset();
	memblock_add(0, 0x8000000);
	if (!expect_ul("first page allocated", 0x100000, memblock_phys_alloc(0x1000, 0x1000)))
		return;
	if (!expect_ul("a 2 MiB-aligned allocation", 0x200000, memblock_phys_alloc(0x3000, 0x200000)))
		return;
	expect_str("reserved regions", "[0x100000-0x101000) [0x200000-0x203000)", regions(&memblock.reserved));
}

static void phys_alloc_avoids_reserved_ranges(void)
{
	reset();
	memblock_add(0, 0x1000000);
	memblock_reserve(0x100000, 0x300000);		/* the kernel */
	memblock_reserve(0x401000, 0x1000);		/* boot information */
	if (!expect_ul("two pages after the kernel", 0x402000, memblock_phys_alloc(0x2000, 0x1000)))
		return;
	expect_ul("the page left between", 0x400000, memblock_phys_alloc(0x1000, 0x1000));
}

static void phys_alloc_returns_zero_when_nothing_fits(void)
{
	reset();
	memblock_add(0x100000, 0x100000);
	memblock_add(0x300000, 0x100000);
	memblock_reserve(0x100000, 0xff000);
	if (!expect_ul("a 2-page allocation (the first region has one free page)",
		       0x300000, memblock_phys_alloc(0x2000, 0x1000)))
		return;
	if (!expect_ul("a 1 MiB allocation spanning the hole", 0, memblock_phys_alloc(0x100000, 0x1000)))
		return;
	expect_ul("memblock_reserved_size() unchanged by the failure", 0xff000 + 0x2000, memblock_reserved_size());
}

/* ---- a page-granular model of a small machine ---- */

#define MODEL_PAGES 16384UL		/* 64 MiB */
static unsigned char model_mem[MODEL_PAGES], model_res[MODEL_PAGES];

static void model_add(unsigned char *m, unsigned long base, unsigned long size)
{
	for (unsigned long p = base >> PAGE_SHIFT; p < PFN_UP(base + size) && p < MODEL_PAGES; p++)
		m[p] = 1;
}

/* Is [pfn, pfn+n) memory and unreserved, all of it above 1 MiB? */
static bool model_fits(unsigned long pfn, unsigned long n)
{
	if (pfn < 256 || pfn + n > MODEL_PAGES)
		return false;
	for (unsigned long p = pfn; p < pfn + n; p++)
		if (!model_mem[p] || model_res[p])
			return false;
	return true;
}

static void phys_alloc_finds_a_fit_whenever_one_exists(void)
{
	static const struct range mem[] = { { 0, 0x9f000 }, { 0x100000, 0xc00000 }, { 0xd00000, 0x2000000 } };

	reset();
	memset(model_mem, 0, sizeof(model_mem));
	memset(model_res, 0, sizeof(model_res));
	for (unsigned i = 0; i < ARRAY_SIZE(mem); i++) {
		memblock_add(mem[i].start, mem[i].end - mem[i].start);
		model_add(model_mem, mem[i].start, mem[i].end - mem[i].start);
	}
	rnd_seed(31);
	int fails = 0;
	/* a full reserved table has its own test below */
	for (int op = 0; op < 400 && !failed() && memblock.reserved.cnt < MEMBLOCK_MAX_REGIONS - 1; op++) {
		unsigned long npages = 1 + rnd_below(rnd_below(4) ? 8 : 600);
		unsigned long align = PAGE_SIZE << rnd_below(10);
		unsigned long pa = memblock_phys_alloc(npages << PAGE_SHIFT, align);
		unsigned long fit = 0;
		for (unsigned long pfn = 0; pfn < MODEL_PAGES && !fit; pfn += align >> PAGE_SHIFT)
			if (model_fits(pfn, npages))
				fit = pfn << PAGE_SHIFT;
		if (!pa) {
			fails++;
			if (fit)
				fail("expected %lu pages aligned to %#lx (free at %#lx), saw 0", npages, align, fit);
			continue;
		}
		if (pa & (align - 1))
			fail("expected alignment %#lx, saw %#lx", align, pa);
		else if (!model_fits(pa >> PAGE_SHIFT, npages))
			fail("expected %lu free pages of RAM above 1 MiB at %#lx, saw them reserved or not RAM",
			     npages, pa);
		model_add(model_res, pa, npages << PAGE_SHIFT);
	}
	if (!failed() && !fails)
		fail("expected the allocations to fill memory and fail at times, saw none fail");
}

/* Each allocation is a separate reserved region (the gaps keep them from
 * merging) until the table is full; then an allocation must fail, not
 * return memory it could not reserve. */
static void phys_alloc_never_returns_memory_twice_when_the_table_is_full(void)
{
	unsigned long got[MEMBLOCK_MAX_REGIONS + 8];

	reset();
	memblock_add(0x100000, 0x1000000);
	for (unsigned i = 0; i < ARRAY_SIZE(got); i++) {
		got[i] = memblock_phys_alloc(0x1000, 0x4000);
		for (unsigned j = 0; got[i] && j < i; j++)
			if (got[j] == got[i])
				return (void)fail("expected allocation %u to fail or be new memory, saw %#lx again "
						  "(allocation %u; %lu reserved regions)", i, got[i], j,
						  memblock.reserved.cnt);
	}
}

static void free_all_releases_memory_minus_reserved_minus_first_mib(void)
{
	static const struct range mem[] = {
		{ 0, 0x9fc00 },				/* below 1 MiB: never released */
		{ 0x100000, 0x1fdf800 },		/* ends inside a page */
		{ 0x2000000, 0x2400000 },
	};
	static const struct range res[] = {
		{ 0x100000, 0x5a3000 },			/* kernel image */
		{ 0x5a3100, 0x5a3300 },			/* boot information, part of a page */
		{ 0x600000, 0x6a1234 },			/* initramfs, unaligned end */
		{ 0x1fff000, 0x2001000 },		/* across the hole between regions */
		{ 0x23ff000, 0x2400000 },		/* the last page */
	};

	reset();
	memset(model_mem, 0, sizeof(model_mem));
	memset(model_res, 0, sizeof(model_res));
	for (unsigned i = 0; i < ARRAY_SIZE(mem); i++)
		memblock_add(mem[i].start, mem[i].end - mem[i].start);
	for (unsigned i = 0; i < ARRAY_SIZE(res); i++) {
		memblock_reserve(res[i].start, res[i].end - res[i].start);
		model_add(model_res, res[i].start, res[i].end - res[i].start);
	}
	/* model: whole pages of memory only */
	for (unsigned i = 0; i < ARRAY_SIZE(mem); i++)
		for (unsigned long p = PFN_UP(mem[i].start); p < PFN_DOWN(mem[i].end); p++)
			model_mem[p] = 1;

	memblock_free_all();
	if (nreleased > (int)ARRAY_SIZE(released))
		return (void)fail("expected at most %zu releases, saw %d", ARRAY_SIZE(released), nreleased);

	static unsigned char got[MODEL_PAGES];
	memset(got, 0, sizeof(got));
	for (int i = 0; i < nreleased; i++) {
		struct range r = released[i];
		if (r.start >= r.end || r.end > MODEL_PAGES)
			return (void)fail("expected a range inside RAM, saw pfns [%#lx-%#lx)", r.start, r.end);
		for (unsigned long p = r.start; p < r.end; p++) {
			if (got[p]++)
				return (void)fail("expected each page released once, saw pfn %#lx twice", p);
		}
	}
	unsigned long want_total = 0, got_total = 0;
	for (unsigned long p = 0; p < MODEL_PAGES; p++) {
		bool want = model_fits(p, 1);
		want_total += want;
		got_total += got[p];
		if (want != got[p])
			return (void)fail("expected pfn %#lx %s, saw it %s", p, want ? "released" : "kept",
					  got[p] ? "released" : "kept");
	}
	expect_ul("pages released", want_total, got_total);
}

int main(void)
{
	run_test("memblock_regions_sorted_after_unordered_adds", regions_sorted_after_unordered_adds);
	run_test("memblock_touching_and_overlapping_adds_merge", touching_and_overlapping_adds_merge);
	run_test("memblock_zero_size_add_is_ignored", zero_size_add_is_ignored);
	run_test("memblock_reserve_merges_like_add", reserve_merges_like_add);
	run_test("memblock_full_table_refuses_a_new_region_but_still_merges",
		 full_table_refuses_a_new_region_but_still_merges);
	run_test("memblock_end_of_dram_is_the_end_of_the_last_region", end_of_dram_is_the_end_of_the_last_region);
	run_test("memblock_phys_alloc_skips_the_first_mib_and_aligns", phys_alloc_skips_the_first_mib_and_aligns);
	run_test("memblock_phys_alloc_avoids_reserved_ranges", phys_alloc_avoids_reserved_ranges);
	run_test("memblock_phys_alloc_returns_zero_when_nothing_fits", phys_alloc_returns_zero_when_nothing_fits);
	run_test("memblock_phys_alloc_finds_a_fit_whenever_one_exists", phys_alloc_finds_a_fit_whenever_one_exists);
	run_test("memblock_phys_alloc_never_returns_memory_twice_when_the_table_is_full",
		 phys_alloc_never_returns_memory_twice_when_the_table_is_full);
	run_test("memblock_free_all_releases_memory_minus_reserved_minus_first_mib",
		 free_all_releases_memory_minus_reserved_minus_first_mib);
	return unit_finish();
}
