/* memblock: the boot-time view of physical memory. Two sorted lists of
 * ranges, "memory" (usable RAM) and "reserved" (taken). memblock_phys_alloc
 * finds a gap; memblock_free_all finally hands every unreserved page of
 * memory to the buddy allocator. */
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/mm.h>

struct memblock memblock;

/* Insert [base, base+size) into a list, kept sorted, merging neighbours. */
static int memblock_insert(struct memblock_type *t, unsigned long base, unsigned long size)
{
	unsigned long end = base + size, i, j;

	if (!size)
		return 0;
	for (i = 0; i < t->cnt; i++) {
		struct memblock_region *r = &t->regions[i];
		if (end < r->base)
			break;
		if (base <= r->base + r->size) {
			/* overlaps or touches r: grow r, then swallow followers */
			unsigned long nb = min(base, r->base), ne = max(end, r->base + r->size);
			r->base = nb;
			r->size = ne - nb;
			for (j = i + 1; j < t->cnt && t->regions[j].base <= ne; ) {
				unsigned long je = t->regions[j].base + t->regions[j].size;
				if (je > ne)
					r->size = je - nb;
				memmove(&t->regions[j], &t->regions[j + 1],
					(t->cnt - j - 1) * sizeof(t->regions[0]));
				t->cnt--;
			}
			return 0;
		}
	}
	if (t->cnt == MEMBLOCK_MAX_REGIONS)
		return -1;
	memmove(&t->regions[i + 1], &t->regions[i], (t->cnt - i) * sizeof(t->regions[0]));
	t->regions[i].base = base;
	t->regions[i].size = size;
	t->cnt++;
	return 0;
}

int memblock_add(unsigned long base, unsigned long size)
{
	return memblock_insert(&memblock.memory, base, size);
}

int memblock_reserve(unsigned long base, unsigned long size)
{
	return memblock_insert(&memblock.reserved, base, size);
}

static bool overlaps_reserved(unsigned long base, unsigned long end, unsigned long *skip_to)
{
	for (unsigned long i = 0; i < memblock.reserved.cnt; i++) {
		struct memblock_region *r = &memblock.reserved.regions[i];
		if (base < r->base + r->size && r->base < end) {
			*skip_to = r->base + r->size;
			return true;
		}
	}
	return false;
}

unsigned long memblock_phys_alloc(unsigned long size, unsigned long align)
{
	for (unsigned long i = 0; i < memblock.memory.cnt; i++) {
		struct memblock_region *m = &memblock.memory.regions[i];
		unsigned long base = ALIGN(max(m->base, 0x100000UL), align);
		unsigned long skip;
		while (base + size <= m->base + m->size) {
			if (!overlaps_reserved(base, base + size, &skip))
				return memblock_reserve(base, size) ? 0 : base;
			base = ALIGN(skip, align);
		}
	}
	return 0;
}

unsigned long memblock_end_of_DRAM(void)
{
	struct memblock_type *t = &memblock.memory;
	return t->cnt ? t->regions[t->cnt - 1].base + t->regions[t->cnt - 1].size : 0;
}

unsigned long memblock_reserved_size(void)
{
	unsigned long total = 0;
	for (unsigned long i = 0; i < memblock.reserved.cnt; i++)
		total += memblock.reserved.regions[i].size;
	return total;
}

void __free_pages_core_range(unsigned long start_pfn, unsigned long end_pfn);

/* Give every page of RAM that is not reserved to the buddy allocator. The
 * first 1 MiB (BIOS data, real-mode leftovers) is never used. */
void memblock_free_all(void)
{
	for (unsigned long i = 0; i < memblock.memory.cnt; i++) {
		struct memblock_region *m = &memblock.memory.regions[i];
		unsigned long start = PFN_UP(max(m->base, 0x100000UL));
		unsigned long end = PFN_DOWN(m->base + m->size);
		unsigned long pfn = start;
		while (pfn < end) {
			unsigned long skip;
			unsigned long a = PFN_PHYS(pfn);
			if (overlaps_reserved(a, a + PAGE_SIZE, &skip)) {
				pfn = PFN_UP(skip);
				continue;
			}
			/* extend to the next reserved range or the region's end */
			unsigned long stop = pfn + 1;
			while (stop < end && !overlaps_reserved(PFN_PHYS(stop), PFN_PHYS(stop) + PAGE_SIZE, &skip))
				stop++;
			__free_pages_core_range(pfn, stop);
			pfn = stop;
		}
	}
}
