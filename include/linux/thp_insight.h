/* Seeing what THP does, and what it costs (ours: none of this is in Linux).
 *
 *  - the THP event ring (mm/thp_insight.c): fault, fallback, collapse,
 *    split, deferred-split and reclaim events with pid, address, pfn and
 *    time, in /sys/kernel/debug/thp/events and `thpstat -e`;
 *  - /proc/PID/thp_ranges (kernel/fs/thp_ranges.c): per 2 MiB range, the
 *    last khugepaged or MADV_COLLAPSE result and when it was reached;
 *  - latency histograms (mm/thp_latency.c): fault service time per size,
 *    collapse and split durations, in /sys/kernel/debug/thp/latency;
 *  - bloat (mm/thp_bloat.c): zero-filled subpages inside THPs, counted on
 *    demand (/sys/kernel/debug/thp/bloat), and the underused-THP splitter
 *    of Linux 6.12 (thp_underused_split_page). */
#ifndef _LINUX_THP_INSIGHT_H
#define _LINUX_THP_INSIGHT_H

#include <linux/types.h>

struct mm_struct;
struct page;

/* --- the event ring ---------------------------------------------------------- */

enum thp_event_type {
	THP_EV_FAULT_ALLOC,		/* a fault mapped a new THP (arg unused) */
	THP_EV_FAULT_FALLBACK,		/* a THP fault fell back to 4 KiB: arg = enum thp_fallback_reason */
	THP_EV_COLLAPSE_START,		/* collapse_huge_page begins: arg = 1 khugepaged, 0 MADV_COLLAPSE */
	THP_EV_COLLAPSE_END,		/* and ends: arg = SCAN_* result, dur_ns */
	THP_EV_SPLIT_PMD,		/* one huge PMD became 512 PTEs: arg = 1 for the huge zero page */
	THP_EV_SPLIT_PAGE,		/* a THP became 512 pages: arg = huge PMDs split on the way, dur_ns */
	THP_EV_DEFERRED_ADD,		/* queued for deferred split: arg = queue length */
	THP_EV_DEFERRED_REMOVE,		/* off the queue: arg = enum thp_dequeue_reason */
	THP_EV_RECLAIM,			/* a shrinker pass freed pages: arg = pages freed */
	THP_EV_UNDERUSED_SPLIT,		/* an underused THP was split: arg = zero subpages remapped */
	THP_EV_PROMOTE,			/* a PTE table was promoted in place (mm/vm_reserv.c): dur_ns */
	THP_EV_RESERV_BREAK,		/* a reservation was broken: arg = pages given back */
	NR_THP_EVENT_TYPES
};

enum thp_fallback_reason {
	THP_FALLBACK_NO_BLOCK,		/* no free 2 MiB block, even after reclaim (thp_fault_fallback) */
	THP_FALLBACK_NO_ZERO_PAGE,	/* a read fault could not get the huge zero page */
};

enum thp_dequeue_reason {
	THP_DEQUEUE_FREED,		/* the THP was freed whole */
	THP_DEQUEUE_SHRINKER,		/* deferred_split_scan took it to split it */
};

/* Record one event. pid is the process whose memory it is (-1: none);
 * addr the 2 MiB-aligned user address and pfn the THP's head frame (0:
 * not known); dur_ns how long it took (0: not timed). Cheap: a few stores
 * under a lock with interrupts off. */
void thp_event(enum thp_event_type type, int pid, unsigned long addr, unsigned long pfn,
	       long arg, u64 dur_ns);
/* The pid that owns mm (for events), -1 for none. */
int thp_mm_pid(struct mm_struct *mm);

/* --- per-range khugepaged results (/proc/PID/thp_ranges) -------------------- */

/* khugepaged (or MADV_COLLAPSE when !by_khugepaged) reached result for the
 * 2 MiB range at haddr of mm. May sleep (allocates the table once). */
void thp_range_record(struct mm_struct *mm, unsigned long haddr, int result, bool by_khugepaged);
/* The mm's struct is being freed: free its table. */
void thp_ranges_free(struct mm_struct *mm);
/* The SCAN_* name of a khugepaged result (mm/khugepaged.c). */
const char *khugepaged_result_name(int result);

/* --- latency histograms ------------------------------------------------------ */

enum thp_latency_type {
	THP_LAT_FAULT_4K,		/* a fault that left the address mapped by a PTE */
	THP_LAT_FAULT_2M,		/* a fault that left it mapped by a huge PMD */
	THP_LAT_COLLAPSE,		/* collapse_huge_page, when it collapsed */
	THP_LAT_SPLIT_PMD,		/* __split_huge_pmd_locked */
	THP_LAT_SPLIT_PAGE,		/* split_huge_page_to_list, when it split */
	THP_LAT_PROMOTE,		/* promote_huge_pmd, when it promoted */
	NR_THP_LATENCY_TYPES
};

/* Add ktime_get_ns() - t0 to histogram type. */
void thp_latency_add(enum thp_latency_type type, u64 t0);
/* A page fault at address of mm, begun at t0, was handled (mmap_lock still
 * held): add it to the 4 KiB or the 2 MiB histogram. */
void thp_fault_latency(struct mm_struct *mm, unsigned long address, u64 t0);

/* --- bloat and the underused-THP splitter --------------------------------------- */

/* A bitmap of the 512 subpages of a THP. */
#define THP_ZERO_MAP_LONGS (512 / (8 * sizeof(long)))

/* The deferred-split shrinker's second half (mm/vmscan.c): how many THPs
 * might be underused, and split up to nr of those that are. */
unsigned long thp_underused_count(void);
unsigned long thp_underused_scan(unsigned long nr);
/* Split head, then map each of its mapped zero-filled subpages to the shared
 * zero page and free it (mm/huge_memory.c). */
int split_underused_thp(struct page *head);
/* After the split of the THP whose subpages start at head (no longer
 * compound; its anon_vma locked for write, preemption off): replace every
 * PTE of a subpage in zero_map with a read-only zero-page PTE. Returns the
 * number of subpages freed that way; zero_map keeps only those. */
int thp_remap_zero_subpages(struct page *head, unsigned long *zero_map);
/* Mark in zero_map (512 bits) the mapped subpages of head that hold only zeros. */
int thp_find_zero_subpages(struct page *head, unsigned long *zero_map);

void thp_insight_init(void);

#endif
