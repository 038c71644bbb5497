/* Page allocation: flags and the buddy allocator's interface (mm/page_alloc.c). */
#ifndef _LINUX_GFP_H
#define _LINUX_GFP_H

#include <linux/types.h>

struct page;

#define __GFP_ZERO	0x01u	/* return zeroed memory */
#define __GFP_COMP	0x02u	/* make a compound page (head + tails) */
#define __GFP_NOWARN	0x04u	/* failure is expected: do not log it */
#define __GFP_NORETRY	0x08u	/* try once, no reclaim loop, no OOM kill */
#define __GFP_DIRECT_RECLAIM 0x10u /* may sleep to reclaim memory */
#define __GFP_KSWAPD_RECLAIM 0x20u /* may wake kswapd */
#define __GFP_HIGH	0x40u	/* may dip below the min watermark (kernel-critical) */

#define __GFP_RECLAIM	(__GFP_DIRECT_RECLAIM | __GFP_KSWAPD_RECLAIM)
#define GFP_KERNEL	(__GFP_RECLAIM)
#define GFP_ATOMIC	(__GFP_HIGH | __GFP_KSWAPD_RECLAIM)
#define GFP_NOWAIT	(__GFP_KSWAPD_RECLAIM)
#define GFP_USER	(__GFP_RECLAIM)
#define GFP_HIGHUSER_MOVABLE GFP_USER
/* THP allocations: a compound page, no OOM kill, quiet when it fails
 * (the caller falls back to 4 KiB pages); as in Linux, neither wakes
 * kswapd (the defrag knob's "defer" modes add __GFP_KSWAPD_RECLAIM). */
#define GFP_TRANSHUGE_LIGHT	(__GFP_COMP | __GFP_NOWARN | __GFP_NORETRY)
#define GFP_TRANSHUGE		(GFP_TRANSHUGE_LIGHT | __GFP_DIRECT_RECLAIM)

struct page *alloc_pages(gfp_t gfp, unsigned int order);
static inline struct page *alloc_page(gfp_t gfp) { return alloc_pages(gfp, 0); }
void __free_pages(struct page *page, unsigned int order);
unsigned long __get_free_pages(gfp_t gfp, unsigned int order);
unsigned long get_zeroed_page(gfp_t gfp);
void free_pages(unsigned long addr, unsigned int order);
#define free_page(addr) free_pages(addr, 0)
#define __free_page(page) __free_pages(page, 0)

unsigned long nr_free_pages(void);
void free_area_init(unsigned long max_pfn);

#endif
