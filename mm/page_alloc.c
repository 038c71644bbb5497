/* The buddy allocator: all physical memory after boot is handed out here in
 * blocks of 2^order pages (order 0 = 4 KiB ... order 10 = 4 MiB; a THP is an
 * order-9 block). Used for user pages, page tables, kernel stacks and the
 * pages kmalloc carves up.
 *
 * A free block of order n starts at a pfn that is a multiple of 2^n. Its
 * "buddy" is the block of the same order it was split from: pfn ^ (1 << n).
 * Freeing a block merges it with its buddy while the buddy is free too, so
 * memory returns to large blocks when it is released. */
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/swap.h>
#include <linux/oom.h>
#include <linux/huge_mm.h>
#include <linux/sched.h>

struct zone contig_zone = { .name = "Normal" };
struct page *mem_map;
unsigned long max_pfn;
unsigned long totalram_pages;
bool page_poisoning;		/* debug_vm: fill freed pages with junk */

#define PAGE_POISON 0x6b6b6b6b6b6b6b6bUL

static inline unsigned int buddy_order(struct page *page)
{
	return page->private;
}

static void add_to_free_list(struct page *page, struct zone *zone, unsigned int order)
{
	SetPageBuddy(page);
	page->private = order;
	list_add(&page->lru, &zone->free_area[order].free_list);
	zone->free_area[order].nr_free++;
}

static void del_page_from_free_list(struct page *page, struct zone *zone, unsigned int order)
{
	list_del_init(&page->lru);
	ClearPageBuddy(page);
	page->private = 0;
	zone->free_area[order].nr_free--;
}

/* Is the block at 'buddy' free and exactly of this order, so it can merge? */
static bool page_is_buddy(struct page *buddy, unsigned long buddy_pfn, unsigned int order)
{
	if (buddy_pfn >= max_pfn)
		return false;
	return PageBuddy(buddy) && buddy_order(buddy) == order;
}

/* Put a block back and merge it with its buddies as far as they are free.
 * Called with zone->lock held. */
static void __free_one_page(struct page *page, unsigned long pfn,
			    struct zone *zone, unsigned int order)
{
	while (order < MAX_ORDER - 1) {
		unsigned long buddy_pfn = pfn ^ (1UL << order);
		struct page *buddy = page + (buddy_pfn - pfn);

		if (!page_is_buddy(buddy, buddy_pfn, order))
			break;
		del_page_from_free_list(buddy, zone, order);
		unsigned long combined_pfn = buddy_pfn & pfn;
		page = page + (combined_pfn - pfn);
		pfn = combined_pfn;
		order++;
	}
	add_to_free_list(page, zone, order);
}

/* Split a block of order 'high' down to order 'low': the upper halves go
 * back on the free lists, the lowest part is what the caller gets. */
static void expand(struct zone *zone, struct page *page, unsigned int low, unsigned int high)
{
	unsigned long size = 1UL << high;

	while (high > low) {
		high--;
		size >>= 1;
		add_to_free_list(&page[size], zone, high);
	}
}

/* Take the smallest free block that can hold 2^order pages. zone->lock held. */
static struct page *__rmqueue_smallest(struct zone *zone, unsigned int order)
{
	for (unsigned int o = order; o < MAX_ORDER; o++) {
		struct free_area *area = &zone->free_area[o];
		if (list_empty(&area->free_list))
			continue;
		struct page *page = list_first_entry(&area->free_list, struct page, lru);
		del_page_from_free_list(page, zone, o);
		expand(zone, page, order, o);
		return page;
	}
	return NULL;
}

static void bad_page(struct page *page, const char *reason)
{
	panic("Bad page state: pfn %#lx: %s (flags %#lx refcount %d mapcount %d mapping %p)",
	      page_to_pfn(page), reason, page->flags, page_ref_count(page),
	      atomic_read(&page->_mapcount), page->mapping);
}

/* The state every page must have when it is freed, and has when allocated. */
static void check_free_page(struct page *page)
{
	if (atomic_read(&page->_mapcount) != -1)
		bad_page(page, "nonzero mapcount");
	if (page_ref_count(page) != 0)
		bad_page(page, "nonzero refcount");
	if (PageBuddy(page))
		bad_page(page, "double free");
	if (page->flags & (BIT(PG_slab) | BIT(PG_table) | BIT(PG_reserved) | BIT(PG_head)))
		bad_page(page, "flags still set");
}

static void prep_new_page(struct page *page, unsigned int order, gfp_t gfp)
{
	for (unsigned long i = 0; i < (1UL << order); i++) {
		struct page *p = page + i;
		p->flags = 0;
		p->mapping = NULL;
		p->index = 0;
		p->private = 0;
		INIT_LIST_HEAD(&p->lru);
		page_mapcount_reset(p);
		set_page_count(p, 0);
	}
	set_page_count(page, 1);
	if (gfp & __GFP_ZERO) {
#ifndef HOST_TEST
		clear_huge_page(page, 1U << order);
#endif
	}
	if ((gfp & __GFP_COMP) && order)
		prep_compound_page(page, order);
}

/* Would taking 2^order pages leave at least 'mark' pages free? Free blocks
 * too small to serve the order are not counted (Linux's __zone_watermark_ok). */
bool zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark)
{
	long free = global_node_page_state(NR_FREE_PAGES) - (1L << order) + 1;

	if (free <= (long)mark)
		return false;
	if (!order)
		return true;
	for (unsigned int o = order; o < MAX_ORDER; o++)
		if (z->free_area[o].nr_free)
			return true;
	return false;
}

static struct page *get_page_from_freelist(gfp_t gfp, unsigned int order, unsigned long mark)
{
	struct zone *zone = &contig_zone;
	struct page *page = NULL;
	unsigned long flags;

	spin_lock_irqsave(&zone->lock, flags);
	if (zone_watermark_ok(zone, order, mark)) {
		page = __rmqueue_smallest(zone, order);
		if (page)
			mod_node_page_state(NR_FREE_PAGES, -(1L << order));
	}
	spin_unlock_irqrestore(&zone->lock, flags);
	if (page) {
		for (unsigned long i = 0; i < (1UL << order); i++)
			if (PageBuddy(page + i) || page_ref_count(page + i))
				bad_page(page + i, "allocated while in use");
		prep_new_page(page, order, gfp);
		count_vm_event(PGALLOC);
	}
	return page;
}

/* Below the low watermark kswapd is woken; below min an allocation that may
 * sleep reclaims directly; when reclaim finds nothing, the OOM killer picks
 * a victim (mm/vmscan.c, mm/oom_kill.c). */
static struct page *__alloc_pages_slowpath(gfp_t gfp, unsigned int order)
{
	struct zone *zone = &contig_zone;
	unsigned long min = (gfp & __GFP_HIGH) ? min_wmark_pages(zone) / 2 : min_wmark_pages(zone);
	struct page *page;

	for (int attempt = 0; attempt < 16; attempt++) {
		if (gfp & __GFP_KSWAPD_RECLAIM)
			wakeup_kswapd(zone, order);
		page = get_page_from_freelist(gfp, order, min);
		if (page)
			return page;
		if (!(gfp & __GFP_DIRECT_RECLAIM))
			break;
		if (fatal_signal_pending(current))
			break;		/* killed (maybe by the OOM killer): fail fast */
		count_vm_event(ALLOCSTALL);
		if (try_to_free_pages(order, gfp))
			continue;
		if (gfp & __GFP_NORETRY)
			break;
		/* Reclaim freed nothing: large orders give up, small ones OOM-kill. */
		if (order > 3 || !out_of_memory(gfp, order))
			break;
	}
	/* Last resort for the kernel's own small allocations. */
	if (!(gfp & __GFP_NORETRY) && order == 0) {
		page = get_page_from_freelist(gfp, order, 0);
		if (page)
			return page;
	}
	if (!(gfp & __GFP_NOWARN))
		pr_warn("page allocation failure: order:%u, gfp:%#x, free:%lu\n",
			order, gfp, nr_free_pages());
	return NULL;
}

/* Allocate 2^order contiguous pages. Returns the first page (refcount 1) or
 * NULL. May sleep when gfp has __GFP_DIRECT_RECLAIM. */
struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	struct page *page;

	if (order >= MAX_ORDER)
		return NULL;
	page = get_page_from_freelist(gfp, order, low_wmark_pages(&contig_zone));
	if (page)
		return page;
	return __alloc_pages_slowpath(gfp, order);
}

/* Return a block to the free lists. The block must be unmapped and have no
 * references left. */
static void free_pages_ok(struct page *page, unsigned int order)
{
	struct zone *zone = &contig_zone;
	unsigned long flags;

	for (unsigned long i = 0; i < (1UL << order); i++) {
		check_free_page(page + i);
		page[i].flags = 0;
		page[i].mapping = NULL;
#ifndef HOST_TEST
		if (page_poisoning) {
			unsigned long *p = page_address(page + i);
			for (int w = 0; w < 512; w++)
				p[w] = PAGE_POISON;
		}
#endif
	}
	spin_lock_irqsave(&zone->lock, flags);
	__free_one_page(page, page_to_pfn(page), zone, order);
	mod_node_page_state(NR_FREE_PAGES, 1L << order);
	spin_unlock_irqrestore(&zone->lock, flags);
	count_vm_event(PGFREE);
}

/* Drop one reference to a block; free it when that was the last. */
void __free_pages(struct page *page, unsigned int order)
{
	if (page_ref_count(page) <= 0)
		bad_page(page, "double free");
	if (atomic_dec_and_test(&page->_refcount)) {
		if (PageHead(page))
			destroy_compound_page(page);
		free_pages_ok(page, order);
	}
}

/* Called by put_page when the last reference to a page goes. */
void __put_page(struct page *page)
{
	unsigned int order = compound_order(page);

	if (PageHead(page))
		destroy_compound_page(page);
	free_pages_ok(page, order);
}

unsigned long __get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp, order);
	return page ? (unsigned long)page_address(page) : 0;
}

unsigned long get_zeroed_page(gfp_t gfp)
{
	return __get_free_pages(gfp | __GFP_ZERO, 0);
}

void free_pages(unsigned long addr, unsigned int order)
{
	if (addr)
		__free_pages(virt_to_page((void *)addr), order);
}

unsigned long nr_free_pages(void)
{
	return global_node_page_state(NR_FREE_PAGES);
}

/*
 * Compound pages. The head keeps PG_head; every tail points back at it.
 * The first tail page records the order and the PMD map count (-1: none).
 */
void prep_compound_page(struct page *page, unsigned int order)
{
	unsigned long nr = 1UL << order;

	SetPageHead(page);
	for (unsigned long i = 1; i < nr; i++) {
		struct page *p = page + i;
		p->mapping = NULL;
		p->compound_head = (unsigned long)page | 1;
		set_page_count(p, 0);
	}
	page[1].compound_order = order;
	page[1].compound_dtor = 0;
	atomic_set(compound_mapcount_ptr(page), -1);
	atomic_set(&page[1].compound_pincount, 0);
	if (nr > 2)
		INIT_LIST_HEAD(&page[2].deferred_list);
}

/* Undo prep_compound_page before the block goes back to the buddy lists. */
void destroy_compound_page(struct page *page)
{
	unsigned long nr = compound_nr(page);

	if (page[1].compound_dtor)
		free_transhuge_page(page);
	if (atomic_read(compound_mapcount_ptr(page)) != -1)
		bad_page(page, "compound page freed while PMD-mapped");
	for (unsigned long i = 1; i < nr; i++) {
		struct page *p = page + i;
		if (p->compound_head != ((unsigned long)page | 1))
			bad_page(p, "corrupt compound tail");
		p->compound_head = 0;
		p->mapping = NULL;
		p->index = 0;
		p->private = 0;
		INIT_LIST_HEAD(&p->lru);
		page_mapcount_reset(p);
	}
	page[1].compound_order = 0;
	ClearPageHead(page);
}

/*
 * Boot: mem_map exists and every frame starts reserved. free_area_init sets
 * up the zone; memblock then releases the usable frames with
 * __free_pages_core, which is how pages first enter the buddy lists.
 */
void free_area_init(unsigned long end_pfn)
{
	struct zone *zone = &contig_zone;

	spin_lock_init(&zone->lock);
	for (int o = 0; o < MAX_ORDER; o++) {
		INIT_LIST_HEAD(&zone->free_area[o].free_list);
		zone->free_area[o].nr_free = 0;
	}
	init_waitqueue_head(&zone->kswapd_wait);
	zone->zone_start_pfn = 0;
	zone->spanned_pages = end_pfn;
	max_pfn = end_pfn;
	/* one memset for all of mem_map (16 MiB per GiB of RAM): a call per
	 * 64-byte page costs twice as much at boot under TCG */
	memset(pfn_to_page(0), 0, end_pfn * sizeof(struct page));
	for (unsigned long pfn = 0; pfn < end_pfn; pfn++) {
		struct page *p = pfn_to_page(pfn);
		INIT_LIST_HEAD(&p->lru);
		SetPageReserved(p);
		page_mapcount_reset(p);
		set_page_count(p, 1);
	}
}

/* Release the frames [start_pfn, end_pfn) to the allocator, in the largest
 * aligned blocks that fit. */
void __free_pages_core_range(unsigned long start_pfn, unsigned long end_pfn)
{
	unsigned long pfn = start_pfn;

	while (pfn < end_pfn) {
		unsigned int order = MAX_ORDER - 1;
		while (order && ((pfn & ((1UL << order) - 1)) || pfn + (1UL << order) > end_pfn))
			order--;
		for (unsigned long i = 0; i < (1UL << order); i++) {
			struct page *p = pfn_to_page(pfn + i);
			ClearPageReserved(p);
			set_page_count(p, 0);
		}
		set_page_count(pfn_to_page(pfn), 1);
		contig_zone.managed_pages += 1UL << order;
		contig_zone.present_pages += 1UL << order;
		totalram_pages += 1UL << order;
		__free_pages(pfn_to_page(pfn), order);
		pfn += 1UL << order;
	}
}

/* Count the free blocks of each order (for /proc/buddyinfo and self-checks). */
void zone_free_counts(unsigned long counts[MAX_ORDER])
{
	unsigned long flags;
	spin_lock_irqsave(&contig_zone.lock, flags);
	for (int o = 0; o < MAX_ORDER; o++)
		counts[o] = contig_zone.free_area[o].nr_free;
	spin_unlock_irqrestore(&contig_zone.lock, flags);
}

/* Walk every free list: blocks aligned, flagged, of the right order, and the
 * total equal to NR_FREE_PAGES. Returns the number of problems printed. */
int check_free_lists(void)
{
	struct zone *zone = &contig_zone;
	unsigned long total = 0, flags;
	int bad = 0;

	spin_lock_irqsave(&zone->lock, flags);
	for (unsigned int o = 0; o < MAX_ORDER; o++) {
		unsigned long n = 0;
		struct page *page;
		list_for_each_entry(page, &zone->free_area[o].free_list, lru) {
			unsigned long pfn = page_to_pfn(page);
			if (!PageBuddy(page) || buddy_order(page) != o || (pfn & ((1UL << o) - 1))) {
				if (bad++ < 5)
					printk("free list %u: bad block at pfn %#lx\n", o, pfn);
			}
			n++;
		}
		if (n != zone->free_area[o].nr_free && bad++ < 5)
			printk("free list %u: %lu blocks, nr_free says %lu\n", o, n, zone->free_area[o].nr_free);
		total += n << o;
	}
	spin_unlock_irqrestore(&zone->lock, flags);
	if (total != nr_free_pages() && bad++ < 5)
		printk("free lists hold %lu pages, NR_FREE_PAGES says %lu\n", total, nr_free_pages());
	return bad;
}
