/* Reclaim: watermarks, kswapd, direct reclaim and the shrinkers.
 *
 * Three free-page watermarks are derived from min_free_kbytes as Linux
 * does (low = min * 5/4, high = min * 3/2). Below low, the allocator wakes
 * kswapd, which reclaims in the background until free memory is back above
 * high; below min, an allocation that may sleep reclaims itself (direct
 * reclaim). This kernel has no swap and no page cache, so what reclaim can
 * free is memory that nobody maps any more: the shrinkers find it, the
 * first of them being the deferred split queue (THPs mapped only in part,
 * whose unmapped subpages come back when the THP is split). When nothing
 * can be freed, the OOM killer picks a victim (mm/oom_kill.c). */
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/swap.h>
#include <linux/huge_mm.h>
#include <linux/thp_insight.h>
#include <linux/vm_reserv.h>
#include <linux/sched.h>
#include <linux/fs.h>
#include <linux/errno.h>

/* A source of reclaimable memory: how much it could free, and free some. */
struct shrinker {
	const char *name;
	unsigned long (*count_objects)(void);
	unsigned long (*scan_objects)(unsigned long nr_to_scan);
};

/* The deferred split shrinker: first the queue of partly mapped THPs, then
 * (as Linux 6.12 does) the THPs that are mostly zero-filled (mm/thp_bloat.c). */
static unsigned long deferred_split_shrinker_count(void)
{
	return deferred_split_count() + thp_underused_count();
}

static unsigned long deferred_split_shrinker_scan(unsigned long nr)
{
	unsigned long split = deferred_split_scan(nr);

	if (split < nr)
		split += thp_underused_scan(nr - split);
	return split;
}

static const struct shrinker shrinkers[] = {
	{ "thp-deferred_split", deferred_split_shrinker_count, deferred_split_shrinker_scan },
	{ "vm_reserv", vm_reserv_count, vm_reserv_scan },	/* thp_policy=reserve (ours) */
};

/* Objects all shrinkers could reclaim: kswapd has work only if some. */
static unsigned long shrinkers_count(void)
{
	unsigned long n = 0;

	for (unsigned i = 0; i < ARRAY_SIZE(shrinkers); i++)
		n += shrinkers[i].count_objects();
	return n;
}

int min_free_kbytes;
static struct task_struct *kswapd_task;

/* Ask every shrinker for up to nr_to_scan objects; returns pages freed. */
static unsigned long shrink_slab(unsigned long nr_to_scan)
{
	unsigned long before = nr_free_pages();

	for (unsigned i = 0; i < ARRAY_SIZE(shrinkers); i++) {
		unsigned long n = shrinkers[i].count_objects();
		if (n)
			shrinkers[i].scan_objects(min(n, nr_to_scan));
	}
	unsigned long after = nr_free_pages();
	if (after > before)
		thp_event(THP_EV_RECLAIM, current->pid, 0, 0, after - before, 0);
	return after > before ? after - before : 0;
}

/* Direct reclaim: the allocating task frees memory itself. Returns the
 * number of pages freed (0: nothing could be freed). */
unsigned long try_to_free_pages(unsigned int order, gfp_t gfp)
{
	unsigned long freed = shrink_slab(32);

	count_vm_events(PGSCAN_DIRECT, freed);
	count_vm_events(PGSTEAL_DIRECT, freed);
	return freed;
}

void wakeup_kswapd(struct zone *zone, unsigned int order)
{
	if (!kswapd_task || zone_watermark_ok(zone, order, low_wmark_pages(zone)))
		return;
	wake_up(&zone->kswapd_wait);
}

static bool kswapd_should_run(struct zone *zone)
{
	return !zone_watermark_ok(zone, 0, low_wmark_pages(zone)) && shrinkers_count();
}

/* kswapd: wakes below the low watermark, reclaims until free pages are
 * above high (or nothing more can be reclaimed), sleeps again. */
static int kswapd(void *unused)
{
	struct zone *zone = &contig_zone;

	for (;;) {
		wait_event_interruptible(zone->kswapd_wait, kswapd_should_run(zone));
		count_vm_event(KSWAPD_WAKEUP);
		while (!zone_watermark_ok(zone, 0, high_wmark_pages(zone))) {
			unsigned long freed = shrink_slab(32);
			count_vm_events(PGSCAN_KSWAPD, freed);
			count_vm_events(PGSTEAL_KSWAPD, freed);
			if (!freed)
				break;
			cond_resched();
		}
	}
	return 0;
}

/* Linux's zones for this much memory: DMA below 16 MiB, DMA32 below 4 GiB,
 * Normal above. This kernel keeps one zone, but the THP watermark formula
 * counts Linux's zones, so that the numbers match a Linux guest's. */
static int linux_nr_zones(void)
{
	unsigned long end = PFN_PHYS(max_pfn);
	return 1 + (end > (16UL << 20)) + (end > (4UL << 30));
}

/* min_free_kbytes as Linux computes it at boot: sqrt(16 * lowmem kB), and,
 * because THP is enabled, raised for anti-fragmentation
 * (set_recommended_min_free_kbytes in mm/khugepaged.c): with 1 GiB this is
 * 45056 kB; with less than 512 MiB Linux disables THP and keeps the first. */
static int default_min_free_kbytes(void)
{
	unsigned long lowmem_kb = totalram_pages << (PAGE_SHIFT - 10);
	long kb = int_sqrt(lowmem_kb * 16);

	kb = kb < 128 ? 128 : kb > 262144 ? 262144 : kb;
	if (totalram_pages >= (512UL << (20 - PAGE_SHIFT))) {
		int nr_zones = linux_nr_zones();
		unsigned long recommended = pageblock_nr_pages * nr_zones * 2 +
					    3 * 3 * pageblock_nr_pages * nr_zones;
		recommended = min(recommended, totalram_pages / 20);
		if ((long)(recommended << (PAGE_SHIFT - 10)) > kb)
			kb = recommended << (PAGE_SHIFT - 10);
	}
	return kb;
}

static void setup_per_zone_wmarks(void)
{
	struct zone *zone = &contig_zone;
	unsigned long min = (unsigned long)min_free_kbytes >> (PAGE_SHIFT - 10);

	zone->_watermark[WMARK_MIN] = min;
	zone->_watermark[WMARK_LOW] = min + min / 4;
	zone->_watermark[WMARK_HIGH] = min + min / 2;
}

/* Pages the allocator keeps for itself: MemAvailable leaves them out. */
unsigned long totalreserve_pages(void)
{
	return high_wmark_pages(&contig_zone);
}

static int min_free_kbytes_show(struct seq_file *m, struct task_struct *t, void *data)
{
	return seq_printf(m, "%d\n", min_free_kbytes);
}

static int min_free_kbytes_store(struct task_struct *t, void *data, const char *buf, size_t len)
{
	int v;
	if (kstrtoint(buf, 10, &v) || v < 0)
		return -EINVAL;
	min_free_kbytes = v;
	setup_per_zone_wmarks();
	return 0;
}

static int zoneinfo_show(struct seq_file *m, struct task_struct *t, void *data)
{
	struct zone *z = &contig_zone;
	seq_printf(m, "Node 0, zone %8s\n", z->name);
	seq_printf(m, "  pages free     %lu\n", nr_free_pages());
	seq_printf(m, "        boost    0\n        min      %lu\n        low      %lu\n"
		   "        high     %lu\n", min_wmark_pages(z), low_wmark_pages(z), high_wmark_pages(z));
	seq_printf(m, "        spanned  %lu\n        present  %lu\n        managed  %lu\n",
		   z->spanned_pages, z->present_pages, z->managed_pages);
	seq_printf(m, "  start_pfn:           %lu\n", z->zone_start_pfn);
	return 0;
}

static const struct pseudo_file_ops min_free_kbytes_ops = {
	.show = min_free_kbytes_show, .store = min_free_kbytes_store };
static const struct pseudo_file_ops zoneinfo_ops = { .show = zoneinfo_show };

void kswapd_init(void)
{
	min_free_kbytes = default_min_free_kbytes();
	setup_per_zone_wmarks();
	proc_create("sys/vm/min_free_kbytes", 0644, &min_free_kbytes_ops, NULL);
	proc_create("zoneinfo", 0444, &zoneinfo_ops, NULL);
	printk(KERN_INFO "vmscan: min_free_kbytes %d (watermarks min %lu low %lu high %lu pages)\n",
	       min_free_kbytes, min_wmark_pages(&contig_zone), low_wmark_pages(&contig_zone),
	       high_wmark_pages(&contig_zone));
	kswapd_task = kthread_run(kswapd, NULL, "kswapd0");
}
