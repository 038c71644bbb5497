/* Memory counters: events (/proc/vmstat pgfault, thp_*) counted where they
 * happen, and page-state counters (nr_free_pages, nr_anon_pages, ...) kept
 * exact, from which /proc/meminfo is computed (mm/vmstat.c). */
#ifndef _LINUX_VMSTAT_H
#define _LINUX_VMSTAT_H

#include <linux/atomic.h>

enum node_stat_item {
	NR_FREE_PAGES,
	NR_ANON_MAPPED,		/* mapped anonymous pages, THP subpages included */
	NR_ANON_THPS,		/* anonymous THPs (in THPs, not pages) */
	NR_PAGETABLE,		/* page-table pages */
	NR_PGTABLE_DEPOSITED,	/* PTE tables deposited under huge PMDs (ours) */
	NR_HUGE_ZERO_PMDS,	/* huge PMDs mapping the huge zero page (ours) */
	NR_KERNEL_STACK_KB,
	NR_SLAB_PAGES,
	NR_SHMEM,		/* pages of shared anonymous memory */
	NR_VM_STAT_ITEMS
};

enum vm_event_item {
	PGFAULT,
	PGMAJFAULT,
	PGALLOC,
	PGFREE,
	PGSCAN_KSWAPD,
	PGSCAN_DIRECT,
	PGSTEAL_KSWAPD,
	PGSTEAL_DIRECT,
	ALLOCSTALL,
	KSWAPD_WAKEUP,
	OOM_KILL,
	THP_FAULT_ALLOC,
	THP_FAULT_FALLBACK,
	THP_COLLAPSE_ALLOC,
	THP_COLLAPSE_ALLOC_FAILED,
	THP_SPLIT_PAGE,
	THP_SPLIT_PAGE_FAILED,
	THP_DEFERRED_SPLIT_PAGE,
	THP_UNDERUSED_SPLIT_PAGE,	/* Linux 6.12: split because mostly zero-filled */
	THP_SPLIT_PMD,
	THP_ZERO_PAGE_ALLOC,
	THP_ZERO_PAGE_ALLOC_FAILED,
	THP_COLLAPSE_BLOAT_PAGES,	/* ours: zero-filled subpages a collapse added */
	THP_RESERV_ALLOC,		/* ours, thp_policy=reserve: 2 MiB blocks reserved */
	THP_RESERV_BROKEN,		/* ours: partly used reservations broken under pressure */
	THP_PROMOTE,			/* ours: PTE tables promoted in place to a huge PMD */
	THP_PROMOTE_FAILED,		/* ours: full reservations whose PTEs could not be promoted */
	THP_PROMOTE_COPIES_AVOIDED,	/* ours: 4 KiB copies a collapse would have made */
	NR_VM_EVENT_ITEMS
};

extern atomic_long_t vm_node_stat[NR_VM_STAT_ITEMS];
extern atomic_long_t vm_events[NR_VM_EVENT_ITEMS];
extern const char *const vmstat_text[];
extern const char *const vm_event_text[];

static inline void count_vm_event(enum vm_event_item item) { atomic_long_inc(&vm_events[item]); }
static inline void count_vm_events(enum vm_event_item item, long n) { atomic_long_add(n, &vm_events[item]); }
static inline void mod_node_page_state(enum node_stat_item item, long delta) { atomic_long_add(delta, &vm_node_stat[item]); }
static inline long global_node_page_state(enum node_stat_item item) { return atomic_long_read(&vm_node_stat[item]); }
static inline long global_vm_event(enum vm_event_item item) { return atomic_long_read(&vm_events[item]); }

#endif
