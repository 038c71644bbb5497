/* Host tests of number parsing (lib/kstrtox.c): kstrtoul and kstrtoint are
 * strict, as Linux's are (the whole string, one trailing newline allowed),
 * because /sys writes and the command line go through them. */
#include <linux/kernel.h>
#include <linux/errno.h>
#include "harness.h"

#define ULONG_MAX (~0UL)
#define NOT_WRITTEN 0x5a5a5a5aUL

struct ul_case {
	const char *s;
	unsigned int base;
	int err;
	unsigned long val;		/* when err == 0 */
};

/* Run kstrtoul on each case; on error the result must not be written. */
static void check_ul(const struct ul_case *c, int n)
{
	for (int i = 0; i < n; i++) {
		unsigned long v = NOT_WRITTEN;
		int err = kstrtoul(c[i].s, c[i].base, &v);
		unsigned long want = c[i].err ? NOT_WRITTEN : c[i].val;
		if (err != c[i].err || v != want)
			return (void)fail("expected kstrtoul(\"%s\", %u) = %d with %#lx, saw %d with %#lx",
					  c[i].s, c[i].base, c[i].err, want, err, v);
	}
}

static void kstrtoul_parses_each_base(void)
{
	static const struct ul_case c[] = {
		{ "0", 10, 0, 0 }, { "42", 10, 0, 42 }, { "007", 10, 0, 7 },
		{ "ff", 16, 0, 255 }, { "FF", 16, 0, 255 }, { "DeadBeef", 16, 0, 0xdeadbeef },
		{ "17", 8, 0, 15 }, { "101", 2, 0, 5 }, { "z", 36, 0, 35 },
	};
	check_ul(c, ARRAY_SIZE(c));
}

static void kstrtoul_accepts_one_trailing_newline_and_a_plus(void)
{
	static const struct ul_case c[] = {
		{ "42\n", 10, 0, 42 }, { "+42", 10, 0, 42 }, { "+42\n", 10, 0, 42 }, { "ff\n", 16, 0, 255 },
	};
	check_ul(c, ARRAY_SIZE(c));
}

static void kstrtoul_rejects_garbage_with_einval(void)
{
	static const struct ul_case c[] = {
		{ "", 10, -EINVAL, 0 }, { "\n", 10, -EINVAL, 0 }, { "+", 10, -EINVAL, 0 },
		{ "42\n\n", 10, -EINVAL, 0 }, { "42 ", 10, -EINVAL, 0 }, { " 42", 10, -EINVAL, 0 },
		{ "-1", 10, -EINVAL, 0 }, { "4a", 10, -EINVAL, 0 }, { "1.5", 10, -EINVAL, 0 },
		{ "12\n3", 10, -EINVAL, 0 }, { "102", 2, -EINVAL, 0 }, { "8", 8, -EINVAL, 0 },
		{ "fg", 16, -EINVAL, 0 }, { "++1", 10, -EINVAL, 0 },
	};
	check_ul(c, ARRAY_SIZE(c));
}

static void kstrtoul_reports_overflow_with_erange(void)
{
	static const struct ul_case c[] = {
		{ "18446744073709551615", 10, 0, ULONG_MAX },
		{ "18446744073709551616", 10, -ERANGE, 0 },
		{ "18446744073709551620", 10, -ERANGE, 0 },
		{ "99999999999999999999999", 10, -ERANGE, 0 },
		{ "ffffffffffffffff", 16, 0, ULONG_MAX },
		{ "10000000000000000", 16, -ERANGE, 0 },
		{ "1777777777777777777777", 8, 0, ULONG_MAX },
		{ "2000000000000000000000", 8, -ERANGE, 0 },
	};
	check_ul(c, ARRAY_SIZE(c));
}

static void kstrtoul_base0_detects_hex_octal_and_decimal(void)
{
	static const struct ul_case c[] = {
		{ "0x1f", 0, 0, 31 }, { "0X1F", 0, 0, 31 }, { "017", 0, 0, 15 }, { "0", 0, 0, 0 },
		{ "0\n", 0, 0, 0 }, { "19", 0, 0, 19 }, { "0x1f\n", 0, 0, 31 },
		{ "08", 0, -EINVAL, 0 }, { "0x", 0, -EINVAL, 0 }, { "0xg", 0, -EINVAL, 0 },
	};
	check_ul(c, ARRAY_SIZE(c));
}

static void kstrtoint_accepts_the_int_range_only(void)
{
	static const struct {
		const char *s;
		int err, val;
	} c[] = {
		{ "0", 0, 0 }, { "-0", 0, 0 }, { "17\n", 0, 17 }, { "-17", 0, -17 }, { "-17\n", 0, -17 },
		{ "2147483647", 0, 2147483647 }, { "-2147483648", 0, -2147483647 - 1 },
		{ "2147483648", -ERANGE, 0 }, { "-2147483649", -ERANGE, 0 },
		{ "99999999999", -ERANGE, 0 }, { "-99999999999999999999999", -ERANGE, 0 },
		{ "--1", -EINVAL, 0 }, { "-", -EINVAL, 0 }, { "1-", -EINVAL, 0 }, { "", -EINVAL, 0 },
	};
	for (unsigned i = 0; i < ARRAY_SIZE(c); i++) {
		int v = 0x5a5a5a5a, want = c[i].err ? 0x5a5a5a5a : c[i].val;
		int err = kstrtoint(c[i].s, 10, &v);
		if (err != c[i].err || v != want)
			return (void)fail("expected kstrtoint(\"%s\") = %d with %d, saw %d with %d",
					  c[i].s, c[i].err, want, err, v);
	}
}

static void simple_strtoul_stops_at_the_first_non_digit(void)
{
	static const struct {
		const char *s;
		unsigned int base;
		unsigned long val;
		int used;
	} c[] = {
		{ "123abc", 10, 123, 3 }, { "0x1fz", 0, 31, 4 }, { "0x1f", 16, 31, 4 }, { "017 ", 0, 15, 3 },
		{ "xyz", 10, 0, 0 }, { "", 10, 0, 0 }, { "ff:", 16, 255, 2 },
	};
	for (unsigned i = 0; i < ARRAY_SIZE(c); i++) {
		char *end;
		unsigned long v = simple_strtoul(c[i].s, &end, c[i].base);
		if (v != c[i].val || end - c[i].s != c[i].used)
			return (void)fail("expected simple_strtoul(\"%s\", %u) = %lu using %d chars, saw %lu using %ld",
					  c[i].s, c[i].base, c[i].val, c[i].used, v, (long)(end - c[i].s));
	}
}

static void int_sqrt_is_the_floor_square_root(void)
{
	for (unsigned long r = 0; r < 70000; r += 1 + r / 8) {
		unsigned long sq = r * r;
		if (int_sqrt(sq) != r || (sq && int_sqrt(sq - 1) != r - 1) || int_sqrt(sq + 2 * r) != r)
			return (void)fail("expected int_sqrt around %lu^2 to be %lu, saw %lu %lu %lu", r, r,
					  int_sqrt(sq), sq ? int_sqrt(sq - 1) : 0, int_sqrt(sq + 2 * r));
	}
	if (!expect_ul("int_sqrt(ULONG_MAX)", 4294967295UL, int_sqrt(ULONG_MAX)))
		return;
	expect_ul("int_sqrt(2^62)", 1UL << 31, int_sqrt(1UL << 62));
}

int main(void)
{
	run_test("kstrtoul_parses_each_base", kstrtoul_parses_each_base);
	run_test("kstrtoul_accepts_one_trailing_newline_and_a_plus", kstrtoul_accepts_one_trailing_newline_and_a_plus);
	run_test("kstrtoul_rejects_garbage_with_einval", kstrtoul_rejects_garbage_with_einval);
	run_test("kstrtoul_reports_overflow_with_erange", kstrtoul_reports_overflow_with_erange);
	run_test("kstrtoul_base0_detects_hex_octal_and_decimal", kstrtoul_base0_detects_hex_octal_and_decimal);
	run_test("kstrtoint_accepts_the_int_range_only", kstrtoint_accepts_the_int_range_only);
	run_test("simple_strtoul_stops_at_the_first_non_digit", simple_strtoul_stops_at_the_first_non_digit);
	run_test("int_sqrt_is_the_floor_square_root", int_sqrt_is_the_floor_square_root);
	return unit_finish();
}
