/* Memory counters and the text of /proc/vmstat. Names and order follow
 * Linux's mm/vmstat.c, so a student can diff the two files. */
#include <linux/mm.h>
#include <linux/vmstat.h>

atomic_long_t vm_node_stat[NR_VM_STAT_ITEMS];
atomic_long_t vm_events[NR_VM_EVENT_ITEMS];

const char *const vmstat_text[NR_VM_STAT_ITEMS] = {
	[NR_FREE_PAGES] = "nr_free_pages",
	[NR_ANON_MAPPED] = "nr_anon_pages",
	[NR_ANON_THPS] = "nr_anon_transparent_hugepages",
	[NR_PAGETABLE] = "nr_page_table_pages",
	[NR_PGTABLE_DEPOSITED] = "nr_pgtable_deposited",
	[NR_HUGE_ZERO_PMDS] = "nr_huge_zero_pmds",
	[NR_KERNEL_STACK_KB] = "nr_kernel_stack",
	[NR_SLAB_PAGES] = "nr_slab_unreclaimable",
	[NR_SHMEM] = "nr_shmem",
};

const char *const vm_event_text[NR_VM_EVENT_ITEMS] = {
	[PGFAULT] = "pgfault",
	[PGMAJFAULT] = "pgmajfault",
	[PGALLOC] = "pgalloc_normal",
	[PGFREE] = "pgfree",
	[PGSCAN_KSWAPD] = "pgscan_kswapd",
	[PGSCAN_DIRECT] = "pgscan_direct",
	[PGSTEAL_KSWAPD] = "pgsteal_kswapd",
	[PGSTEAL_DIRECT] = "pgsteal_direct",
	[ALLOCSTALL] = "allocstall_normal",
	[KSWAPD_WAKEUP] = "kswapd_wakeup",
	[OOM_KILL] = "oom_kill",
	[THP_FAULT_ALLOC] = "thp_fault_alloc",
	[THP_FAULT_FALLBACK] = "thp_fault_fallback",
	[THP_COLLAPSE_ALLOC] = "thp_collapse_alloc",
	[THP_COLLAPSE_ALLOC_FAILED] = "thp_collapse_alloc_failed",
	[THP_SPLIT_PAGE] = "thp_split_page",
	[THP_SPLIT_PAGE_FAILED] = "thp_split_page_failed",
	[THP_DEFERRED_SPLIT_PAGE] = "thp_deferred_split_page",
	[THP_UNDERUSED_SPLIT_PAGE] = "thp_underused_split_page",
	[THP_SPLIT_PMD] = "thp_split_pmd",
	[THP_ZERO_PAGE_ALLOC] = "thp_zero_page_alloc",
	[THP_ZERO_PAGE_ALLOC_FAILED] = "thp_zero_page_alloc_failed",
	[THP_COLLAPSE_BLOAT_PAGES] = "thp_collapse_bloat_pages",
	[THP_RESERV_ALLOC] = "thp_reserv_alloc",
	[THP_RESERV_BROKEN] = "thp_reserv_broken",
	[THP_PROMOTE] = "thp_promote",
	[THP_PROMOTE_FAILED] = "thp_promote_failed",
	[THP_PROMOTE_COPIES_AVOIDED] = "thp_promote_copies_avoided",
};
