/* thp_enabled_write_garbage_einval: /sys/kernel/mm/transparent_hugepage/enabled reads
 * "always [madvise] never" with the mode in brackets, takes one of the three words
 * (a trailing newline allowed), and refuses anything else with EINVAL, the mode
 * unchanged. */
#include "testlib.h"

#define ENABLED "/sys/kernel/mm/transparent_hugepage/enabled"

static void expect_text(const char *when, const char *want)
{
	char buf[128];
	long n = read_file(ENABLED, buf, sizeof(buf));

	EXPECT(n > 0 && !strcmp(buf, want), "%s: expected \"%.*s\\n\", saw \"%.*s\"", when, (int)strlen(want) - 1, want,
	       n > 0 ? (int)strcspn(buf, "\n") : 0, buf);
}

int main(void)
{
	static const char *const garbage[] = { "garbage", "Always", "alway", "always never", "madvise ", "[madvise]", "1",
					       "neverr" };
	char what[64];

	thp_set_enabled("madvise");
	expect_text("enabled in madvise mode", "always [madvise] never\n");
	for (size_t i = 0; i < sizeof(garbage) / sizeof(garbage[0]); i++) {
		snprintf(what, sizeof(what), "writing \"%s\"", garbage[i]);
		int r = write_file(ENABLED, garbage[i]);
		EXPECT(r == -EINVAL, "%s: expected EINVAL, saw %s", what, r ? errno_name(-r) : "success");
		expect_text(what, "always [madvise] never\n");
	}
	EXPECT_EQ("writing \"always\\n\"", thp_set("enabled", "always\n"), 0);
	expect_text("after writing always", "[always] madvise never\n");
	EXPECT_EQ("writing \"never\"", thp_set("enabled", "never"), 0);
	expect_text("after writing never", "always madvise [never]\n");
	test_done();
}
