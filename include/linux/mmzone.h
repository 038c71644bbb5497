/* The zone: the buddy allocator's free lists and watermarks for all of RAM.
 * This kernel has one zone (Linux has DMA, DMA32, Normal; see docs/vm.md). */
#ifndef _LINUX_MMZONE_H
#define _LINUX_MMZONE_H

#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/wait.h>

#define MAX_ORDER 11		/* orders 0..10: 4 KiB .. 4 MiB blocks */
#define pageblock_order 9
#define pageblock_nr_pages (1UL << pageblock_order)

struct free_area {
	struct list_head free_list;
	unsigned long nr_free;		/* blocks of this order */
};

enum zone_watermarks { WMARK_MIN, WMARK_LOW, WMARK_HIGH, NR_WMARK };

struct zone {
	spinlock_t lock;
	struct free_area free_area[MAX_ORDER];
	unsigned long zone_start_pfn;
	unsigned long spanned_pages;	/* pfn range covered, holes included */
	unsigned long present_pages;	/* usable RAM pages in that range */
	unsigned long managed_pages;	/* pages the buddy allocator manages */
	unsigned long _watermark[NR_WMARK];
	const char *name;
	struct wait_queue_head kswapd_wait;
};

extern struct zone contig_zone;		/* the zone */
#define min_wmark_pages(z)  ((z)->_watermark[WMARK_MIN])
#define low_wmark_pages(z)  ((z)->_watermark[WMARK_LOW])
#define high_wmark_pages(z) ((z)->_watermark[WMARK_HIGH])

#endif
