/* Page reclaim (mm/vmscan.c): kswapd and direct reclaim. This kernel has no
 * swap device: what reclaim can free is memory nobody maps any more, such as
 * the unmapped parts of partially mapped THPs (via the shrinkers). */
#ifndef _LINUX_SWAP_H
#define _LINUX_SWAP_H

#include <linux/types.h>
#include <linux/mmzone.h>

void wakeup_kswapd(struct zone *zone, unsigned int order);
unsigned long try_to_free_pages(unsigned int order, gfp_t gfp);
bool zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark);
void kswapd_init(void);

#endif
