/* bench: what the benchmarks of user/bench_*.c share. Each prints
 *   bench: NAME on SYSNAME RELEASE     first line (scripts/bench.sh times boot_to_init by it)
 *   PHASE NAME / PHASE -               around each timed part (bench.sh --profile)
 *   BENCH NAME VALUE UNIT              one measured value (bench.sh collects these)
 *   INFO ...                           what shows the measurement is what it claims
 * and, on thpkernel, the percentiles of /sys/kernel/debug/thp/latency (ours; Linux has
 * no such file, so there these lines are absent). */
#ifndef BENCH_H
#define BENCH_H

#include "testlib.h"

/* CLOCK_MONOTONIC in ns. */
double now_ns(void);
/* The first line: "bench: NAME on Linux 6.1.0-..." */
void bench_hello(const char *name);
/* Starts a timed phase (name) or ends it (NULL). */
void bench_phase(const char *name);
/* "BENCH name value unit" */
void bench_value(const char *name, double value, const char *unit);

/* khugepaged at full speed (pages_to_scan=4096, scan_sleep_millisecs=0; put back
 * by thp_restore_all) on [p, p+len), already written in 4 KiB pages: the clock starts
 * at MADV_HUGEPAGE and stops when khugepaged/pages_collapsed has grown by len / 2 MiB
 * (polled every 1 ms). Returns ms, or -1 after 120 s. */
double khugepaged_collapse_ms(char *p, size_t len);

/* ---- thpkernel's latency histograms (/sys/kernel/debug/thp/latency) ---------- */

#define THP_LATENCY_BUCKETS 64
/* One histogram: bucket[k] counts the durations in [2^k, 2^(k+1)) ns. */
struct thp_latency_hist {
	unsigned long count, sum_ns, max_ns;
	unsigned long bucket[THP_LATENCY_BUCKETS];
};

/* Reads histogram name ("fault_4k", "fault_2m", "collapse", "split_pmd",
 * "split_page", "promote"). Returns 0, or -1 when there is no such file or
 * histogram (Linux); *h is then all zeros. */
int thp_latency_read(const char *name, struct thp_latency_hist *h);
/* Empties every histogram (a write to the file); nothing on Linux. */
void thp_latency_reset(void);
/* The duration (ns) under which a fraction q (0.5, 0.99) of the events lie: the
 * bucket that holds the q-th event, and within it a linear estimate between its
 * bounds (the top bucket ends at max_ns). 0 when the histogram is empty. */
double thp_latency_percentile(const struct thp_latency_hist *h, double q);
/* The sum of the histograms named, separated by '+' ("fault_4k+fault_2m").
 * Returns 0, or -1 when one is missing (Linux). */
int thp_latency_sum(const char *names, struct thp_latency_hist *sum);
/* Prints BENCH lat_LABEL_p50 / lat_LABEL_p99 (us) and lat_LABEL_count for the
 * histograms named (one, or several separated by '+', summed: "fault_4k+fault_2m"),
 * on thpkernel; nothing on Linux or when no event was recorded. */
void bench_latency(const char *names, const char *label);

/* ---- dependent random reads ------------------------------------------------- */

/* Links the pages of p into one random cycle (Sattolo's shuffle): each page holds,
 * at a random 64-byte line, the address of the next page's line. Returns the start. */
void *page_cycle(char *p, size_t pages);
/* Follows the cycle for accesses reads (after an eighth as many to warm up);
 * returns ns per read. */
double chase_ns(void *start, long accesses);

#endif
