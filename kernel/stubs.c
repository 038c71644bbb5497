/* TEMPORARY: pieces of later subsystems, so the kernel links. */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/mm.h>
#include <linux/mmzone.h>

void wakeup_kswapd(struct zone *zone, unsigned int order) {}
unsigned long try_to_free_pages(unsigned int order, gfp_t gfp) { extern unsigned long deferred_split_scan(unsigned long); return deferred_split_scan(1024); }
bool out_of_memory(gfp_t gfp, unsigned int order) { return false; }
void vm_debug_after_exit(void) {}
void kswapd_init(void) {}
unsigned long totalreserve_pages(void) { return 0; }
