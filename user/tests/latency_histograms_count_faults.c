/* latency_histograms_count_faults (thpkernel only): /sys/kernel/debug/thp/latency,
 * cleared by a write, then counts exactly the 2 MiB faults of two THP faults and at
 * least the 64 small faults of 64 touched 4 KiB pages, one split_pmd (munmap of one
 * page of a THP) and one collapse (MADV_COLLAPSE); each histogram's buckets add up to
 * its count, its maximum lies in its last bucket, and a 2 MiB fault (zeroing 2 MiB)
 * takes longer on average than a 4 KiB one. `thpstat -l` prints the histograms. */
#include "testlib.h"

#include <sys/mman.h>
#include <sys/wait.h>

#define LATENCY "/sys/kernel/debug/thp/latency"

struct hist { long count, sum, max, bucket_sum, last_lo, last_hi; };

/* Parses the block of histogram name; returns 1 if it was found. */
static int read_hist(const char *name, struct hist *h)
{
	char *text = read_file_alloc(LATENCY);
	int found = 0;
	memset(h, 0, sizeof(*h));
	for (char *line = text; line && *line; ) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = 0;
		char n[32];
		long lo, hi, c;
		if (line[0] != ' ' && line[0] != '#') {
			if (found)
				break;
			found = sscanf(line, "%31s count %ld sum_ns %ld max_ns %ld", n, &h->count, &h->sum, &h->max) == 4 &&
				!strcmp(n, name);
		} else if (found && sscanf(line, " %ld-%ld %ld", &lo, &hi, &c) == 3) {
			h->bucket_sum += c;
			h->last_lo = lo;
			h->last_hi = hi;
		}
		line = nl ? nl + 1 : NULL;
	}
	free(text);
	return found;
}

static void expect_consistent(const char *name, const struct hist *h)
{
	EXPECT_EQ(name, h->bucket_sum, h->count);
	if (h->count)
		EXPECT(h->max >= h->last_lo && h->max <= h->last_hi,
		       "%s: expected max_ns in the last bucket %ld-%ld, saw %ld", name, h->last_lo, h->last_hi, h->max);
}

int main(void)
{
	if (!is_thpkernel())
		test_skip("%s is thpkernel's own", LATENCY);
	thp_set_enabled("madvise");
	char *p = thp_region(4 * MB);
	char *small = mmap_guarded(64 * PAGE_SIZE);
	char *q = mmap_aligned(HPAGE_SIZE, HPAGE_SIZE);
	fill_pattern(q, HPAGE_SIZE, 78);
	EXPECT_EQ("clearing the histograms (write)", write_file(LATENCY, "0"), 0);

	p[0] = 1;
	p[HPAGE_SIZE] = 1;
	touch_pages(small, 64 * PAGE_SIZE);
	struct hist f2, f4, split, coll;
	REQUIRE(read_hist("fault_2m", &f2) && read_hist("fault_4k", &f4), "%s: expected fault_2m and fault_4k", LATENCY);
	EXPECT_EQ("fault_2m count after two THP faults", f2.count, 2);
	EXPECT_GE("fault_4k count after 64 small faults", f4.count, 64);
	expect_consistent("fault_2m: sum of the buckets", &f2);
	expect_consistent("fault_4k: sum of the buckets", &f4);
	if (f2.count && f4.count)
		EXPECT(f2.sum / f2.count > f4.sum / f4.count,
		       "mean fault time: expected 2 MiB (%ld ns) above 4 KiB (%ld ns)", f2.sum / f2.count, f4.sum / f4.count);

	munmap(p + PAGE_SIZE, PAGE_SIZE);
	EXPECT_EQ("madvise(MADV_COLLAPSE)", madvise(q, HPAGE_SIZE, MADV_COLLAPSE), 0);
	REQUIRE(read_hist("split_pmd", &split) && read_hist("collapse", &coll), "%s: expected split_pmd and collapse", LATENCY);
	EXPECT_EQ("split_pmd count after one munmap inside a THP", split.count, 1);
	EXPECT_EQ("collapse count after one MADV_COLLAPSE", coll.count, 1);
	expect_consistent("split_pmd: sum of the buckets", &split);
	expect_consistent("collapse: sum of the buckets", &coll);

	char *argv[] = { "/bin/thpstat", "-l", NULL };
	int st;
	char *out = run_output(argv, &st);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "thpstat -l: expected exited 0, saw %s", status_text(st));
	EXPECT(strstr(out, "fault_2m") && strstr(out, "fault_4k") && strstr(out, "collapse"),
	       "thpstat -l: expected the fault_2m, fault_4k and collapse histograms, saw:\n%s", out);
	free(out);
	test_done();
}
