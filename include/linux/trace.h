/* THP tracepoints (kernel/trace.c). Each event is off until enabled, on the
 * command line (trace=EVENT[,EVENT], which also prints each line on the
 * console) or at run time by writing 1 to
 * /sys/kernel/tracing/events/thp/EVENT/enable; lines are read from
 * /sys/kernel/tracing/trace (a snapshot) or trace_pipe (consuming, blocking),
 * in Linux's ftrace layout: "comm-pid [000] seconds: event: fields". */
#ifndef _LINUX_TRACE_H
#define _LINUX_TRACE_H

#include <linux/types.h>

enum thp_trace_event {
	TRACE_do_huge_pmd_anonymous_page,
	TRACE_split_huge_pmd,
	TRACE_pgtable_trans_huge_deposit,
	TRACE_pgtable_trans_huge_withdraw,
	TRACE_hpage_collapse_scan_pmd,
	TRACE_collapse_huge_page,
	TRACE_split_huge_page,
	TRACE_deferred_split_huge_page,
	TRACE_copy_huge_pmd,
	TRACE_zap_huge_pmd,
	TRACE_mm_shrink_deferred_split,
	TRACE_move_huge_pmd,
	NR_THP_TRACE_EVENTS
};

extern bool trace_event_enabled[NR_THP_TRACE_EVENTS];
void trace_thp_event(enum thp_trace_event ev, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* trace_thp(split_huge_pmd, "pid=%d addr=%#lx pfn=%#lx", ...): costs one
 * test of a boolean when the event is off. */
#define trace_thp(ev, fmt, ...) do {						\
	if (unlikely(trace_event_enabled[TRACE_##ev]))				\
		trace_thp_event(TRACE_##ev, fmt, ##__VA_ARGS__);		\
} while (0)

int trace_set_from_cmdline(const char *list);
void trace_init(void);

#endif
