/* bench: the shared part of the benchmarks (see bench.h). */
#include "bench.h"

#include <sys/mman.h>
#include <sys/utsname.h>
#include <time.h>

#define LATENCY "/sys/kernel/debug/thp/latency"

double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

void bench_hello(const char *name)
{
	struct utsname u;

	uname(&u);
	printf("bench: %s on %s %s\n", name, u.sysname, u.release);
	fflush(stdout);
}

void bench_phase(const char *name)
{
	printf("PHASE %s\n", name ? name : "-");
	fflush(stdout);
}

void bench_value(const char *name, double value, const char *unit)
{
	printf("BENCH %s %.3f %s\n", name, value, unit);
	fflush(stdout);
}

double khugepaged_collapse_ms(char *p, size_t len)
{
	long want = len / HPAGE_SIZE;

	thp_must_set("khugepaged/pages_to_scan", "4096");
	thp_must_set("khugepaged/scan_sleep_millisecs", "0");
	long done0 = thp_get_long("khugepaged/pages_collapsed");
	double t0 = now_ns();
	madvise(p, len, MADV_HUGEPAGE);
	for (;;) {
		double ms = (now_ns() - t0) / 1e6;
		if (thp_get_long("khugepaged/pages_collapsed") - done0 >= want)
			return ms;
		if (ms > 120000)
			return -1;
		sleep_ms(1);
	}
}

/* The file's format: for each histogram a line "NAME count C sum_ns S max_ns M",
 * then one line "  LO-HI N" per non-empty bucket. */
int thp_latency_read(const char *name, struct thp_latency_hist *h)
{
	char *text = read_file_alloc(LATENCY);
	int found = 0;

	memset(h, 0, sizeof(*h));
	for (char *line = text; line && *line; ) {
		char n[32];
		unsigned long lo, hi, c;
		if (line[0] != ' ' && line[0] != '#') {
			if (found)
				break;
			found = sscanf(line, "%31s count %lu sum_ns %lu max_ns %lu", n, &h->count, &h->sum_ns,
				       &h->max_ns) == 4 && !strcmp(n, name);
		} else if (found && sscanf(line, " %lu-%lu %lu", &lo, &hi, &c) == 3) {
			int k = 62 - __builtin_clzl(hi + 1);	/* hi + 1 = 2^(k+1) */
			if (k >= 0 && k < THP_LATENCY_BUCKETS)
				h->bucket[k] = c;
		}
		line = strchr(line, '\n');
		line = line ? line + 1 : NULL;
	}
	free(text);
	if (!found)
		memset(h, 0, sizeof(*h));
	return found ? 0 : -1;
}

void thp_latency_reset(void)
{
	write_file(LATENCY, "0");	/* -ENOENT on Linux: nothing to do */
}

double thp_latency_percentile(const struct thp_latency_hist *h, double q)
{
	double rank = q * h->count, seen = 0;

	if (!h->count)
		return 0;
	for (int k = 0; k < THP_LATENCY_BUCKETS; k++) {
		if (!h->bucket[k] || seen + h->bucket[k] < rank) {
			seen += h->bucket[k];
			continue;
		}
		double lo = k ? (double)(1UL << k) : 0, hi = (double)(2UL << k);
		if (h->max_ns < hi)
			hi = h->max_ns;	/* the top bucket ends at the largest duration */
		if (hi < lo)
			hi = lo;
		return lo + (hi - lo) * (rank - seen) / h->bucket[k];
	}
	return h->max_ns;
}

int thp_latency_sum(const char *names, struct thp_latency_hist *sum)
{
	struct thp_latency_hist h;
	char list[128];

	memset(sum, 0, sizeof(*sum));
	snprintf(list, sizeof(list), "%s", names);
	for (char *save, *n = strtok_r(list, "+", &save); n; n = strtok_r(NULL, "+", &save)) {
		if (thp_latency_read(n, &h))
			return -1;
		sum->count += h.count;
		sum->sum_ns += h.sum_ns;
		if (h.max_ns > sum->max_ns)
			sum->max_ns = h.max_ns;
		for (int k = 0; k < THP_LATENCY_BUCKETS; k++)
			sum->bucket[k] += h.bucket[k];
	}
	return 0;
}

void bench_latency(const char *names, const char *label)
{
	struct thp_latency_hist h;
	char name[160];

	if (thp_latency_sum(names, &h) || !h.count)
		return;		/* Linux: no histograms */
	snprintf(name, sizeof(name), "lat_%s_p50", label);
	bench_value(name, thp_latency_percentile(&h, 0.50) / 1e3, "us");
	snprintf(name, sizeof(name), "lat_%s_p99", label);
	bench_value(name, thp_latency_percentile(&h, 0.99) / 1e3, "us");
	snprintf(name, sizeof(name), "lat_%s_count", label);
	bench_value(name, h.count, "events");
	printf("INFO lat_%s: %s: %lu events, mean %.1f us, max %.1f us\n", label, names, h.count,
	       h.sum_ns / 1e3 / h.count, h.max_ns / 1e3);
	fflush(stdout);
}

/* xorshift64: the same cycle on every run and every kernel */
static uint64_t rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

void *page_cycle(char *p, size_t pages)
{
	uint32_t *order = malloc(pages * sizeof(*order));
	uint32_t *line = malloc(pages * sizeof(*line));
	uint64_t s = 0x9E3779B97F4A7C15ULL;

	for (size_t i = 0; i < pages; i++) {
		order[i] = i;
		line[i] = rnd(&s) % (PAGE_SIZE / 64);
	}
	for (size_t i = pages - 1; i > 0; i--) {
		size_t j = rnd(&s) % i;
		uint32_t t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
	for (size_t i = 0; i < pages; i++) {
		size_t a = order[i], b = order[(i + 1) % pages];
		*(void **)(p + a * PAGE_SIZE + line[a] * 64) = p + b * PAGE_SIZE + line[b] * 64;
	}
	void *start = p + order[0] * PAGE_SIZE + line[order[0]] * 64;
	free(order);
	free(line);
	return start;
}

double chase_ns(void *start, long accesses)
{
	void **q = start;

	for (long i = 0; i < accesses / 8; i++)
		q = *q;
	double t0 = now_ns();
	for (long i = 0; i < accesses; i++)
		q = *q;
	double ns = (now_ns() - t0) / accesses;
	/* the end of the chase, used, so the loop cannot be left out */
	return q ? ns : -ns;
}
