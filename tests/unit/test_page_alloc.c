/* Host tests of the buddy allocator (mm/page_alloc.c) over a simulated
 * 64 MiB memory map with holes. A page-granular model of which frames are
 * usable and allocated predicts the exact free count and, because freed
 * blocks always merge, the exact number of free blocks of every order.
 * Page contents are never touched: PAGE_OFFSET is not mapped on the host. */
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/swap.h>
#include <linux/oom.h>
#include <linux/huge_mm.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include "harness.h"

void zone_free_counts(unsigned long counts[MAX_ORDER]);
int check_free_lists(void);
void __free_pages_core_range(unsigned long start_pfn, unsigned long end_pfn);

#define NPAGES 16384UL			/* 64 MiB of 4 KiB frames, pfn 0 up */
#define GFP_TRY (__GFP_NORETRY | __GFP_NOWARN)

struct range {
	unsigned long start, end;	/* pfns, end exclusive */
};

/* Usable RAM as memblock would release it: unaligned ends, holes between. */
static const struct range boot_ranges[] = { { 256, 700 }, { 1027, 7990 }, { 8192, 16379 } };
#define BOOT_USABLE ((700 - 256) + (7990 - 1027) + (16379 - 8192))

/* ---- what page_alloc.c calls outside itself ---- */

static int kswapd_wakeups, reclaim_calls, oom_calls, thp_dtor_calls;
static struct page *reclaimable, *oom_victim;	/* freed by reclaim / OOM */
static unsigned int reclaimable_order, oom_victim_order;

void wakeup_kswapd(struct zone *zone, unsigned int order)
{
	kswapd_wakeups++;
}

/* Reclaim frees the block the test set aside, if any. */
unsigned long try_to_free_pages(unsigned int order, gfp_t gfp)
{
	reclaim_calls++;
	if (!reclaimable)
		return 0;
	__free_pages(reclaimable, reclaimable_order);
	reclaimable = NULL;
	return 1UL << reclaimable_order;
}

/* The OOM killer "kills" the victim the test named: its memory is freed. */
bool out_of_memory(gfp_t gfp, unsigned int order)
{
	oom_calls++;
	if (!oom_victim)
		return false;
	__free_pages(oom_victim, oom_victim_order);
	oom_victim = NULL;
	return true;
}

void free_transhuge_page(struct page *page)
{
	thp_dtor_calls++;
	page[1].compound_dtor = 0;
}

/* The allocating task; a test may give it a pending SIGKILL. */
static struct task_struct test_task;
struct task_struct *current_task = &test_task;

bool fatal_signal_pending(struct task_struct *p)
{
	return p->pending & sigmask(SIGKILL);
}

void init_waitqueue_head(struct wait_queue_head *wq)
{
	spin_lock_init(&wq->lock);
	INIT_LIST_HEAD(&wq->head);
}

/* ---- the simulated machine and its model ---- */

static unsigned long end_pfn;
static unsigned char usable[NPAGES], allocated[NPAGES];
static unsigned long usable_count, allocated_count;
static unsigned long boot_counts[MAX_ORDER];

struct block {
	struct page *page;
	unsigned int order;
};
static struct block held[NPAGES];
static unsigned long nheld;

/* Boot: every frame reserved, then the usable ranges released, as
 * mem_init and memblock_free_all do. */
static void boot(unsigned long npages, const struct range *r, int nr)
{
	h_free(mem_map);
	mem_map = h_calloc(npages, sizeof(struct page));
	end_pfn = npages;
	for (int i = 0; i < NR_VM_STAT_ITEMS; i++)
		atomic_long_set(&vm_node_stat[i], 0);
	contig_zone.managed_pages = contig_zone.present_pages = 0;
	for (int i = 0; i < NR_WMARK; i++)
		contig_zone._watermark[i] = 0;
	totalram_pages = 0;
	memset(usable, 0, sizeof(usable));
	memset(allocated, 0, sizeof(allocated));
	usable_count = allocated_count = nheld = 0;
	kswapd_wakeups = reclaim_calls = oom_calls = thp_dtor_calls = 0;
	reclaimable = oom_victim = NULL;
	test_task.pending = 0;
	printk_reset();

	free_area_init(npages);
	for (int i = 0; i < nr; i++) {
		__free_pages_core_range(r[i].start, r[i].end);
		for (unsigned long pfn = r[i].start; pfn < r[i].end; pfn++)
			usable[pfn] = 1;
		usable_count += r[i].end - r[i].start;
	}
	zone_free_counts(boot_counts);
}

static void boot_default(void)
{
	boot(NPAGES, boot_ranges, ARRAY_SIZE(boot_ranges));
}

static bool model_free(unsigned long pfn)
{
	return pfn < end_pfn && usable[pfn] && !allocated[pfn];
}

/* Free blocks a merging buddy allocator must hold: every aligned block of
 * order <= 10 whose frames are all free and that no larger such block
 * contains. */
static void model_block(unsigned long pfn, unsigned int order, unsigned long counts[])
{
	unsigned long n = 1UL << order, i;

	for (i = 0; i < n && model_free(pfn + i); i++)
		;
	if (i == n) {
		counts[order]++;
		return;
	}
	if (order == 0)
		return;
	model_block(pfn, order - 1, counts);
	model_block(pfn + n / 2, order - 1, counts);
}

static void model_counts(unsigned long counts[MAX_ORDER])
{
	for (int o = 0; o < MAX_ORDER; o++)
		counts[o] = 0;
	for (unsigned long pfn = 0; pfn < end_pfn; pfn += 1UL << (MAX_ORDER - 1))
		model_block(pfn, MAX_ORDER - 1, counts);
}

static void counts_text(char *buf, unsigned long size, const unsigned long c[MAX_ORDER])
{
	int n = 0;
	for (int o = 0; o < MAX_ORDER; o++)
		n += h_snprintf(buf + n, size - n, "%s%lu", o ? " " : "", c[o]);
}

/* Compare two per-order count arrays, failing with both in buddyinfo style. */
static bool expect_counts(const char *what, const unsigned long want[MAX_ORDER],
			  const unsigned long seen[MAX_ORDER])
{
	char a[128], b[128];

	for (int o = 0; o < MAX_ORDER; o++) {
		if (want[o] != seen[o]) {
			counts_text(a, sizeof(a), want);
			counts_text(b, sizeof(b), seen);
			return fail("expected %s [%s], saw [%s]", what, a, b);
		}
	}
	return true;
}

/* Check a block the allocator just returned and record it in the model. */
static bool take_block(struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page), n = 1UL << order;

	if (pfn >= end_pfn || pfn + n > end_pfn)
		return fail("expected a block inside mem_map, saw pfn %#lx order %u", pfn, order);
	if (pfn & (n - 1))
		return fail("expected an order-%u block aligned to %lu pages, saw pfn %#lx", order, n, pfn);
	for (unsigned long i = 0; i < n; i++) {
		if (!usable[pfn + i])
			return fail("expected only usable frames, saw hole pfn %#lx in block %#lx/%u",
				    pfn + i, pfn, order);
		if (allocated[pfn + i])
			return fail("expected a free frame, saw pfn %#lx handed out twice", pfn + i);
		if (PageBuddy(page + i) || atomic_read(&page[i]._mapcount) != -1)
			return fail("expected a clean page, saw pfn %#lx flags %#lx mapcount %d",
				    pfn + i, page[i].flags, atomic_read(&page[i]._mapcount));
		if (page_ref_count(page + i) != (i == 0))
			return fail("expected refcount %d at pfn %#lx, saw %d", i == 0, pfn + i,
				    page_ref_count(page + i));
		allocated[pfn + i] = 1;
	}
	allocated_count += n;
	held[nheld++] = (struct block){ page, order };
	return true;
}

/* Free held[i] and forget it. */
static void drop_block(unsigned long i)
{
	struct block b = held[i];
	unsigned long pfn = page_to_pfn(b.page);

	held[i] = held[--nheld];
	for (unsigned long k = 0; k < (1UL << b.order); k++)
		allocated[pfn + k] = 0;
	allocated_count -= 1UL << b.order;
	__free_pages(b.page, b.order);
}

static void drop_all_random(void)
{
	while (nheld && !failed())
		drop_block(rnd_below(nheld));
}

/* Mostly small orders, sometimes up to 4 MiB: the mix that fragments. */
static unsigned int random_order(void)
{
	unsigned long r = rnd_below(100);
	if (r < 55)
		return 0;
	if (r < 70)
		return 1;
	if (r < 80)
		return 2;
	if (r < 88)
		return 3;
	return rnd_below(MAX_ORDER);
}

/* ---- random alloc/free engine; each case turns on the property it checks ---- */

#define CHECK_COUNT	1	/* nr_free_pages exact after every operation */
#define CHECK_MODEL	2	/* free blocks per order equal the model, lists sane */
#define CHECK_SPLIT	4	/* taken from the smallest block that fits */
#define CHECK_FAILURE	8	/* NULL only when no block is large enough */

/* Returns how many allocations failed. */
static int random_ops(unsigned long seed, int nops, int alloc_percent, int checks)
{
	unsigned long before[MAX_ORDER], after[MAX_ORDER], want[MAX_ORDER];
	int nulls = 0;

	rnd_seed(seed);
	for (int op = 0; op < nops && !failed(); op++) {
		if (nheld && (int)rnd_below(100) >= alloc_percent) {
			drop_block(rnd_below(nheld));
		} else {
			unsigned int order = random_order();
			zone_free_counts(before);
			struct page *page = alloc_pages(GFP_TRY, order);
			zone_free_counts(after);
			if (!page) {
				nulls++;
				for (unsigned int o = order; (checks & CHECK_FAILURE) && o < MAX_ORDER; o++)
					if (before[o])
						return fail("expected an order-%u block from the %lu free of order %u, saw NULL",
							    order, before[o], o);
				continue;
			}
			if (!take_block(page, order))
				return nulls;
			if (checks & CHECK_SPLIT) {
				unsigned int from = order;
				while (from < MAX_ORDER && !before[from])
					from++;
				for (int o = 0; o < MAX_ORDER; o++)
					want[o] = before[o] + ((unsigned)o >= order && (unsigned)o < from) - ((unsigned)o == from);
				if (!expect_counts("the smallest fitting block split", want, after))
					return nulls;
			}
		}
		if ((checks & CHECK_COUNT) &&
		    !expect_ul("nr_free_pages()", usable_count - allocated_count, nr_free_pages()))
			return nulls;
		if ((checks & CHECK_MODEL) && op % 50 == 0) {
			model_counts(want);
			zone_free_counts(after);
			if (!expect_counts("free blocks per order", want, after) ||
			    !expect_l("check_free_lists()", 0, check_free_lists()))
				return nulls;
		}
	}
	return nulls;
}

/* ---- test cases ---- */

static void boot_releases_exactly_the_usable_ranges(void)
{
	unsigned long want[MAX_ORDER];

	boot_default();
	if (!expect_ul("nr_free_pages()", BOOT_USABLE, nr_free_pages()) ||
	    !expect_ul("totalram_pages", BOOT_USABLE, totalram_pages) ||
	    !expect_ul("managed_pages", BOOT_USABLE, contig_zone.managed_pages))
		return;
	model_counts(want);
	if (!expect_counts("free blocks per order", want, boot_counts))
		return;
	for (unsigned long pfn = 0; pfn < NPAGES; pfn++)
		if (!usable[pfn] && (!PageReserved(pfn_to_page(pfn)) || PageBuddy(pfn_to_page(pfn))))
			return (void)fail("expected hole pfn %#lx reserved and not free, saw flags %#lx",
					  pfn, pfn_to_page(pfn)->flags);
	expect_l("check_free_lists()", 0, check_free_lists());
}

static void every_order_allocates_an_aligned_block(void)
{
	boot_default();
	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		struct page *page = alloc_pages(GFP_TRY, order);
		if (!page)
			return (void)fail("expected an order-%u block, saw NULL", order);
		if (!take_block(page, order) ||
		    !expect_ul("nr_free_pages() after the allocation", BOOT_USABLE - (1UL << order), nr_free_pages()))
			return;
		drop_block(0);
		if (!expect_ul("nr_free_pages() after freeing it", BOOT_USABLE, nr_free_pages()))
			return;
	}
	if (!expect_ul("alloc_pages(order 11)", 0, (unsigned long)alloc_pages(GFP_TRY, MAX_ORDER)))
		return;
	unsigned long now[MAX_ORDER];
	zone_free_counts(now);
	expect_counts("free blocks per order as at boot", boot_counts, now);
}

static void free_count_exact_after_random_alloc_free(void)
{
	boot_default();
	random_ops(1, 6000, 60, CHECK_COUNT);
	drop_all_random();
	expect_ul("nr_free_pages() with everything freed", BOOT_USABLE, nr_free_pages());
}

static void free_blocks_per_order_match_model_after_random_alloc_free(void)
{
	boot_default();
	random_ops(2, 6000, 55, CHECK_MODEL);
}

static void alloc_takes_the_smallest_free_block_that_fits(void)
{
	boot_default();
	random_ops(3, 4000, 60, CHECK_SPLIT);
}

static void alloc_fails_only_when_no_free_block_is_large_enough(void)
{
	boot_default();
	int nulls = random_ops(4, 4000, 75, CHECK_FAILURE | CHECK_COUNT);
	if (!failed() && !nulls)
		fail("expected memory to fill up and some allocations to fail, saw none fail");
}

static void freeing_everything_restores_boot_free_counts(void)
{
	unsigned long now[MAX_ORDER];

	boot_default();
	random_ops(5, 5000, 65, 0);
	rnd_seed(55);
	drop_all_random();
	zone_free_counts(now);
	if (!expect_counts("free blocks per order as at boot", boot_counts, now))
		return;
	if (!expect_ul("nr_free_pages()", BOOT_USABLE, nr_free_pages()))
		return;
	expect_l("check_free_lists()", 0, check_free_lists());
}

static void exhaustion_returns_null_and_memory_recovers(void)
{
	unsigned long now[MAX_ORDER];
	struct page *page;

	boot_default();
	while ((page = alloc_pages(GFP_TRY, 0)))
		if (!take_block(page, 0))
			return;
	if (!expect_ul("order-0 pages handed out", BOOT_USABLE, nheld) ||
	    !expect_ul("nr_free_pages() when exhausted", 0, nr_free_pages()))
		return;
	for (unsigned int o = 0; o < MAX_ORDER; o++)
		if (alloc_pages(GFP_TRY, o))
			return (void)fail("expected NULL for order %u when exhausted, saw a page", o);
	if (!expect_l("warnings under __GFP_NOWARN", 0, printk_count("page allocation failure")))
		return;
	unsigned long pfn = page_to_pfn(held[nheld / 2].page);
	drop_block(nheld / 2);
	page = alloc_pages(GFP_TRY, 0);
	if (!expect_ul("pfn of the page allocated after one was freed", pfn, page ? page_to_pfn(page) : ~0UL))
		return;
	take_block(page, 0);
	rnd_seed(6);
	drop_all_random();
	zone_free_counts(now);
	expect_counts("free blocks per order as at boot", boot_counts, now);
}

static void failed_allocation_without_nowarn_is_logged(void)
{
	struct page *page;

	boot_default();
	while ((page = alloc_pages(GFP_TRY, MAX_ORDER - 1)))
		take_block(page, MAX_ORDER - 1);
	if (alloc_pages(__GFP_NORETRY, MAX_ORDER - 1))
		return (void)fail("expected NULL once every 4 MiB block is taken, saw a page");
	expect_l("\"page allocation failure\" messages", 1, printk_count("page allocation failure: order:10"));
}

static void order10_requests_get_exactly_the_4mib_blocks(void)
{
	struct page *page;
	unsigned long n = 0;

	boot_default();
	while ((page = alloc_pages(GFP_TRY, MAX_ORDER - 1))) {
		if (!take_block(page, MAX_ORDER - 1))
			return;
		n++;
	}
	if (!expect_ul("order-10 blocks allocated", boot_counts[MAX_ORDER - 1], n))
		return;
	page = alloc_pages(GFP_TRY, 9);
	if (!page)
		return (void)fail("expected order 9 to succeed from smaller blocks, saw NULL");
	take_block(page, 9);
	drop_all_random();
	expect_ul("nr_free_pages()", BOOT_USABLE, nr_free_pages());
}

static void compound_order9_head_and_tails_are_linked(void)
{
	boot_default();
	struct page *head = alloc_pages(GFP_TRY | __GFP_COMP, HPAGE_PMD_ORDER);
	if (!head)
		return (void)fail("expected an order-9 compound page, saw NULL");
	if (!expect_ul("PageHead(head)", 1, PageHead(head)) ||
	    !expect_ul("compound_order(head)", HPAGE_PMD_ORDER, compound_order(head)) ||
	    !expect_ul("thp_nr_pages(head)", HPAGE_PMD_NR, thp_nr_pages(head)) ||
	    !expect_l("compound_mapcount(head)", 0, compound_mapcount(head)) ||
	    !expect_ul("PageTail(head)", 0, PageTail(head)))
		return;
	for (int i = 1; i < HPAGE_PMD_NR; i++) {
		struct page *tail = head + i;
		if (!PageTail(tail) || compound_head(tail) != head)
			return (void)fail("expected tail %d to point at its head, saw compound_head %#lx", i,
					  tail->compound_head);
		if (page_count(tail) != 1 || page_ref_count(tail) != 0)
			return (void)fail("expected tail %d refcount 0 and page_count 1, saw %d and %d", i,
					  page_ref_count(tail), page_count(tail));
	}
	__free_pages(head, HPAGE_PMD_ORDER);
	if (!expect_ul("nr_free_pages() after freeing it", BOOT_USABLE, nr_free_pages()))
		return;
	for (int i = 0; i < HPAGE_PMD_NR; i++)
		if (i ? PageTail(head + i) : PageHead(head))
			return (void)fail("expected compound links cleared when freed, saw page %d still linked", i);
}

static void compound_page_freed_by_put_page_of_last_reference(void)
{
	boot_default();
	struct page *head = alloc_pages(GFP_TRY | __GFP_COMP, HPAGE_PMD_ORDER);
	if (!head)
		return (void)fail("expected an order-9 compound page, saw NULL");
	get_page(head + 100);
	if (!expect_l("head refcount after get_page(tail)", 2, page_ref_count(head)))
		return;
	put_page(head + 100);
	if (!expect_ul("nr_free_pages() while one reference is left", BOOT_USABLE - HPAGE_PMD_NR, nr_free_pages()))
		return;
	put_page(head);
	expect_ul("nr_free_pages() after the last put_page", BOOT_USABLE, nr_free_pages());
}

static void thp_destructor_runs_when_compound_page_is_freed(void)
{
	boot_default();
	struct page *head = alloc_pages(GFP_TRY | __GFP_COMP, HPAGE_PMD_ORDER);
	if (!head)
		return (void)fail("expected an order-9 compound page, saw NULL");
	head[1].compound_dtor = TRANSHUGE_PAGE_DTOR;
	put_page(head);
	expect_l("free_transhuge_page calls", 1, thp_dtor_calls);
}

static struct page *victim;

static void free_victim(void *arg)
{
	__free_pages(victim, 0);
}

static void double_free_panics_at_the_second_free(void)
{
	boot_default();
	victim = alloc_pages(GFP_TRY, 0);
	__free_pages(victim, 0);
	if (!catch_panic(free_victim, NULL))
		fail("expected a panic at the second free, saw none (refcount now %d)", page_ref_count(victim));
}

static void take_every_page(void *arg)
{
	while (alloc_pages(GFP_TRY, 0))
		;
}

static void double_freed_page_is_caught_before_it_is_reused(void)
{
	boot_default();
	victim = alloc_pages(GFP_TRY, 0);
	__free_pages(victim, 0);
	if (catch_panic(free_victim, NULL))
		return;		/* caught at the free itself: even better */
	if (!catch_panic(take_every_page, NULL))
		return (void)fail("expected a panic when the double-freed page is handed out, saw none");
	char want[64];
	h_snprintf(want, sizeof(want), "pfn %#lx", page_to_pfn(victim));
	if (!h_contains(last_panic(), want))
		fail("expected the panic to name %s, saw \"%s\"", want, last_panic());
}

static void free_mapped_victim(void *arg)
{
	atomic_set(&victim->_mapcount, 0);
	__free_pages(victim, 0);
}

static void free_slab_victim(void *arg)
{
	SetPageSlab(victim);
	__free_pages(victim, 0);
}

static void freeing_a_page_still_in_use_panics(void)
{
	boot_default();
	victim = alloc_pages(GFP_TRY, 0);
	if (!catch_panic(free_mapped_victim, NULL))
		return (void)fail("expected a panic freeing a mapped page, saw none");
	if (!h_contains(last_panic(), "nonzero mapcount"))
		return (void)fail("expected \"nonzero mapcount\", saw \"%s\"", last_panic());
	victim = alloc_pages(GFP_TRY, 0);
	if (!catch_panic(free_slab_victim, NULL))
		return (void)fail("expected a panic freeing a PG_slab page, saw none");
	if (!h_contains(last_panic(), "flags still set"))
		fail("expected \"flags still set\", saw \"%s\"", last_panic());
}

/* Allocate order-0 pages with gfp until NULL; returns how many. */
static unsigned long drain(gfp_t gfp)
{
	struct page *page;
	unsigned long n = 0;
	while ((page = alloc_pages(gfp, 0)) && take_block(page, 0))
		n++;
	return n;
}

static void min_watermark_stops_ordinary_allocations(void)
{
	boot_default();
	contig_zone._watermark[WMARK_MIN] = 64;
	contig_zone._watermark[WMARK_LOW] = 128;
	contig_zone._watermark[WMARK_HIGH] = 192;
	if (!expect_ul("pages allocated down to the min watermark", BOOT_USABLE - 64,
		       drain(GFP_NOWAIT | GFP_TRY)))
		return;
	if (!expect_ul("nr_free_pages() left", 64, nr_free_pages()))
		return;
	if (kswapd_wakeups == 0)
		fail("expected kswapd woken below the low watermark, saw no wakeup");
}

static void gfp_high_may_use_half_the_min_reserve(void)
{
	boot_default();
	contig_zone._watermark[WMARK_MIN] = 64;
	contig_zone._watermark[WMARK_LOW] = 128;
	drain(GFP_TRY);
	if (!expect_ul("nr_free_pages() left by ordinary allocations", 64, nr_free_pages()))
		return;
	drain(__GFP_HIGH | GFP_TRY);
	expect_ul("nr_free_pages() left by __GFP_HIGH allocations", 32, nr_free_pages());
}

static void direct_reclaim_that_frees_pages_lets_allocation_succeed(void)
{
	boot_default();
	drain(GFP_TRY);
	reclaimable = held[--nheld].page;
	reclaimable_order = 0;
	allocated[page_to_pfn(reclaimable)] = 0;
	allocated_count--;
	struct page *page = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0);
	if (!expect_l("try_to_free_pages calls", 1, reclaim_calls))
		return;
	if (!page)
		return (void)fail("expected the reclaimed page, saw NULL");
	expect_l("out_of_memory calls", 0, oom_calls);
}

static void oom_killer_runs_only_for_small_orders_when_reclaim_fails(void)
{
	boot_default();
	drain(GFP_TRY);
	if (alloc_pages(GFP_KERNEL | __GFP_NOWARN | __GFP_NORETRY, 0) || !expect_l("OOM calls with __GFP_NORETRY", 0, oom_calls))
		return;
	if (alloc_pages(GFP_KERNEL | __GFP_NOWARN, 4) || !expect_l("OOM calls for order 4", 0, oom_calls))
		return;
	oom_victim = held[--nheld].page;
	oom_victim_order = 0;
	struct page *page = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0);
	if (!expect_l("OOM calls for order 0", 1, oom_calls))
		return;
	if (!expect_ul("a page after the OOM kill freed one", 1, page != NULL))
		return;
	expect_l("warnings under __GFP_NOWARN", 0, printk_count("page allocation failure"));
}

static void killed_task_fails_fast_without_reclaim(void)
{
	boot_default();
	drain(GFP_TRY);
	test_task.pending |= sigmask(SIGKILL);
	if (alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0))
		return (void)fail("expected NULL for a killed task on exhausted memory, saw a page");
	if (!expect_l("try_to_free_pages calls", 0, reclaim_calls))
		return;
	expect_l("out_of_memory calls", 0, oom_calls);
}

static void get_free_pages_address_maps_back_to_its_page(void)
{
	boot_default();
	unsigned long addr = __get_free_pages(GFP_TRY, 2);
	if (!addr)
		return (void)fail("expected an address, saw 0");
	struct page *page = virt_to_page((void *)addr);
	if (!expect_ul("address", PAGE_OFFSET + PFN_PHYS(page_to_pfn(page)), addr) ||
	    !expect_ul("refcount of its page", 1, page_ref_count(page)))
		return;
	free_pages(addr, 2);
	expect_ul("nr_free_pages() after free_pages", BOOT_USABLE, nr_free_pages());
}

/* The last block ends at max_pfn: its buddy would lie past mem_map. */
static void top_block_does_not_merge_past_max_pfn(void)
{
	static const struct range all[] = { { 1024, NPAGES - 512 } };
	unsigned long want[MAX_ORDER] = { 0 };

	boot(NPAGES - 512, all, 1);
	want[9] = 1;
	want[10] = (NPAGES - 512 - 1024) / 1024;
	if (!expect_counts("free blocks per order at boot", want, boot_counts))
		return;
	struct page *page;
	while ((page = alloc_pages(GFP_TRY, 9)))
		take_block(page, 9);
	rnd_seed(7);
	drop_all_random();
	unsigned long now[MAX_ORDER];
	zone_free_counts(now);
	expect_counts("free blocks per order after freeing everything", want, now);
}

int main(void)
{
	run_test("buddy_boot_releases_exactly_the_usable_ranges", boot_releases_exactly_the_usable_ranges);
	run_test("buddy_every_order_allocates_an_aligned_block", every_order_allocates_an_aligned_block);
	run_test("buddy_free_count_exact_after_random_alloc_free", free_count_exact_after_random_alloc_free);
	run_test("buddy_free_blocks_per_order_match_model_after_random_alloc_free",
		 free_blocks_per_order_match_model_after_random_alloc_free);
	run_test("buddy_alloc_takes_the_smallest_free_block_that_fits", alloc_takes_the_smallest_free_block_that_fits);
	run_test("buddy_alloc_fails_only_when_no_free_block_is_large_enough",
		 alloc_fails_only_when_no_free_block_is_large_enough);
	run_test("buddy_freeing_everything_restores_boot_free_counts", freeing_everything_restores_boot_free_counts);
	run_test("buddy_exhaustion_returns_null_and_memory_recovers", exhaustion_returns_null_and_memory_recovers);
	run_test("buddy_failed_allocation_without_nowarn_is_logged", failed_allocation_without_nowarn_is_logged);
	run_test("buddy_order10_requests_get_exactly_the_4mib_blocks", order10_requests_get_exactly_the_4mib_blocks);
	run_test("buddy_compound_order9_head_and_tails_are_linked", compound_order9_head_and_tails_are_linked);
	run_test("buddy_compound_page_freed_by_put_page_of_last_reference",
		 compound_page_freed_by_put_page_of_last_reference);
	run_test("buddy_thp_destructor_runs_when_compound_page_is_freed", thp_destructor_runs_when_compound_page_is_freed);
	run_test("buddy_double_free_panics_at_the_second_free", double_free_panics_at_the_second_free);
	run_test("buddy_double_freed_page_is_caught_before_it_is_reused", double_freed_page_is_caught_before_it_is_reused);
	run_test("buddy_freeing_a_page_still_in_use_panics", freeing_a_page_still_in_use_panics);
	run_test("buddy_min_watermark_stops_ordinary_allocations", min_watermark_stops_ordinary_allocations);
	run_test("buddy_gfp_high_may_use_half_the_min_reserve", gfp_high_may_use_half_the_min_reserve);
	run_test("buddy_direct_reclaim_that_frees_pages_lets_allocation_succeed",
		 direct_reclaim_that_frees_pages_lets_allocation_succeed);
	run_test("buddy_oom_killer_runs_only_for_small_orders_when_reclaim_fails",
		 oom_killer_runs_only_for_small_orders_when_reclaim_fails);
	run_test("buddy_killed_task_fails_fast_without_reclaim", killed_task_fails_fast_without_reclaim);
	run_test("buddy_get_free_pages_address_maps_back_to_its_page", get_free_pages_address_maps_back_to_its_page);
	run_test("buddy_top_block_does_not_merge_past_max_pfn", top_block_does_not_merge_past_max_pfn);
	h_free(mem_map);
	return unit_finish();
}
