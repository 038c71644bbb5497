/* khugepaged_knobs_validation: the khugepaged knobs take the values Linux takes and
 * refuse the others with EINVAL, keeping their value: pages_to_scan > 0, sleeps are
 * unsigned numbers, max_ptes_none/shared/swap at most 511; pages_collapsed and
 * full_scans are read-only (EACCES); the defrag file refuses garbage too. */
#include "testlib.h"

struct bad_write {
	const char *knob, *value;
};

int main(void)
{
	static const struct bad_write bad[] = {
		{ "khugepaged/pages_to_scan", "0" }, { "khugepaged/pages_to_scan", "abc" },
		{ "khugepaged/pages_to_scan", "-1" }, { "khugepaged/scan_sleep_millisecs", "abc" },
		{ "khugepaged/scan_sleep_millisecs", "-5" }, { "khugepaged/alloc_sleep_millisecs", "x1" },
		{ "khugepaged/max_ptes_none", "512" }, { "khugepaged/max_ptes_none", "abc" },
		{ "khugepaged/max_ptes_shared", "512" }, { "khugepaged/max_ptes_swap", "512" },
		{ "defrag", "garbage" },
	};
	static const struct bad_write good[] = {
		{ "khugepaged/pages_to_scan", "4097\n" }, { "khugepaged/scan_sleep_millisecs", "12345" },
		{ "khugepaged/alloc_sleep_millisecs", "54321" }, { "khugepaged/max_ptes_none", "511" },
		{ "khugepaged/max_ptes_none", "0" }, { "khugepaged/max_ptes_shared", "100" },
	};
	char before[64], after[64];

	if (thp_set("khugepaged/pages_to_scan", "4096") == -EACCES)
		test_skip("cannot write the khugepaged knobs: run as root");
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (!thp_get(bad[i].knob, before, sizeof(before))) {
			EXPECT(0, "%s: expected the file to exist, saw none", bad[i].knob);
			continue;
		}
		int r = thp_set(bad[i].knob, bad[i].value);
		/* thpkernel may keep max_ptes_swap and defrag read-only (no swap, no compaction). */
		int read_only_ok = is_thpkernel() && (!strcmp(bad[i].knob, "khugepaged/max_ptes_swap") ||
						      !strcmp(bad[i].knob, "defrag")) && r == -EACCES;
		EXPECT(r == -EINVAL || read_only_ok, "writing \"%s\" to %s: expected EINVAL, saw %s", bad[i].value, bad[i].knob,
		       r ? errno_name(-r) : "success");
		thp_get(bad[i].knob, after, sizeof(after));
		EXPECT(!strcmp(before, after), "%s after the refused write: expected \"%s\", saw \"%s\"", bad[i].knob, before, after);
	}
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		int r = thp_set(good[i].knob, good[i].value);
		EXPECT(r == 0, "writing \"%.*s\" to %s: expected success, saw %s", (int)strcspn(good[i].value, "\n"), good[i].value,
		       good[i].knob, errno_name(-r));
		EXPECT_EQ(good[i].knob, thp_get_long(good[i].knob), atol(good[i].value));
	}
	const char *ro[] = { "khugepaged/pages_collapsed", "khugepaged/full_scans" };
	for (int i = 0; i < 2; i++) {
		char path[128];
		long v = thp_get_long(ro[i]);
		snprintf(path, sizeof(path), "/sys/kernel/mm/transparent_hugepage/%s", ro[i]);
		int r = write_file(path, "0");
		EXPECT(r == -EACCES, "writing %s: expected EACCES, saw %s", ro[i], r ? errno_name(-r) : "success");
		EXPECT(thp_get_long(ro[i]) >= v, "%s after the refused write: expected at least %ld, saw %ld", ro[i], v,
		       thp_get_long(ro[i]));
	}
	test_done();
}
