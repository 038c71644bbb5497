/* Host tests of the kernel's formatter (lib/vsprintf.c), compared with the
 * host libc's snprintf: the same text and the same return value, also when
 * the output is truncated. lib/vsprintf.c is built with its functions
 * renamed k_*, so that both can live in one program. */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include "harness.h"

int k_snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int k_scnprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static char kb[512], cb[512];

/* Compare one formatting: kernel result kn/kb against libc's cn/cb. */
static int same(const char *fmt, int kn, int cn)
{
	if (kn == cn && !strcmp(kb, cb))
		return 1;
	return fail("expected \"%s\" (returns %d) for format \"%s\", saw \"%s\" (returns %d)", cb, cn, fmt, kb, kn);
}

#define SAME(fmt, ...) \
	same(fmt, k_snprintf(kb, sizeof(kb), fmt, __VA_ARGS__), snprintf(cb, sizeof(cb), fmt, __VA_ARGS__))

static const int ints[] = { 0, 1, -1, 7, -7, 42, -42, 4096, INT_MAX, INT_MIN };
static const unsigned uints[] = { 0, 1, 9, 255, 4096, 0xdeadbeef, UINT_MAX };
static const long longs[] = { 0, 1, -1, 1234567890123L, -1234567890123L, LONG_MAX, LONG_MIN };
static const unsigned long ulongs[] = { 0, 1, 0xffff888000000000UL, 0x7ffffffff000UL, ULONG_MAX };

static void signed_decimal_matches_libc(void)
{
	static const char *const f[] = { "%d", "%i", "%5d", "%-5d|", "%05d", "%1d", "%12d", "%-012d|", "<%3d>" };
	for (unsigned i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		for (unsigned j = 0; j < sizeof(ints) / sizeof(ints[0]); j++)
			if (!SAME(f[i], ints[j]))
				return;
}

static void long_decimal_matches_libc(void)
{
	static const char *const f[] = { "%ld", "%li", "%lld", "%20ld", "%-20ld|", "%020ld" };
	for (unsigned i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		for (unsigned j = 0; j < sizeof(longs) / sizeof(longs[0]); j++)
			if (!SAME(f[i], longs[j]))
				return;
}

static void unsigned_hex_and_octal_match_libc(void)
{
	static const char *const f[] = { "%u", "%x", "%X", "%o", "%8x", "%-8x|", "%08x", "%08X", "%3o" };
	static const char *const lf[] = { "%lu", "%lx", "%lX", "%lo", "%016lx", "%zu", "%zx", "%llx" };
	for (unsigned i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		for (unsigned j = 0; j < sizeof(uints) / sizeof(uints[0]); j++)
			if (!SAME(f[i], uints[j]))
				return;
	for (unsigned i = 0; i < sizeof(lf) / sizeof(lf[0]); i++)
		for (unsigned j = 0; j < sizeof(ulongs) / sizeof(ulongs[0]); j++)
			if (!SAME(lf[i], ulongs[j]))
				return;
}

/* '#' as the kernel uses it: "%#lx", "%#018lx" (e820 lines). Zero is left
 * out: C prints "0", Linux's kernel "0x0". */
static void alternate_hex_zero_padded_matches_libc(void)
{
	static const char *const f[] = { "%#x", "%#08x", "%#-10x|", "%#2x" };
	static const char *const lf[] = { "%#lx", "%#018lx", "%#-20lx|" };
	for (unsigned i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		for (unsigned j = 1; j < sizeof(uints) / sizeof(uints[0]); j++)
			if (!SAME(f[i], uints[j]))
				return;
	for (unsigned i = 0; i < sizeof(lf) / sizeof(lf[0]); i++)
		for (unsigned j = 1; j < sizeof(ulongs) / sizeof(ulongs[0]); j++)
			if (!SAME(lf[i], ulongs[j]))
				return;
}

/* Right-justified with spaces, "0x" belongs next to the digits. */
static void alternate_hex_space_padded_matches_libc(void)
{
	if (SAME("%#10x", 255u))
		SAME("%#20lx", 0xffff888000000000UL);
}

static void alternate_upper_hex_prefix_is_upper_case(void)
{
	SAME("%#X", 0x1fu);
}

static void integer_precision_matches_libc(void)
{
	static const char *const f[] = { "%.3d", "%5.3d", "%-8.3d|", "%.5x", "%.0d", "%08.3d" };
	for (unsigned i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		for (unsigned j = 0; j < sizeof(ints) / sizeof(ints[0]); j++)
			if (!SAME(f[i], ints[j]))
				return;
}

static void h_length_modifier_matches_libc(void)
{
	if (SAME("%hd", 70000) && SAME("%hu", 65537) && SAME("%hx", 0x12345))
		SAME("%hhu", 257);
}

static void strings_match_libc(void)
{
	static const char *const f[] = { "%s", "%10s", "%-10s|", "%.3s", "%10.3s", "%-10.3s|", "%.0s", "%.10s", "[%s]" };
	static const char *const s[] = { "", "a", "hello", "hello world, longer than ten" };
	for (unsigned i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		for (unsigned j = 0; j < sizeof(s) / sizeof(s[0]); j++)
			if (!SAME(f[i], s[j]))
				return;
	if (SAME("%.*s|", 3, "abcdef") && SAME("%*s|", 8, "abc") && SAME("%-*s|", 8, "abc"))
		SAME("%*.*s|", 6, 2, "abcdef");
}

/* Not in C, but glibc agrees: a NULL string prints "(null)". */
static void null_string_prints_null(void)
{
	const char *volatile nothing = NULL;
	k_snprintf(kb, sizeof(kb), "<%s>", nothing);
	expect_str("\"<%s>\" of NULL", "<(null)>", kb);
}

static void star_width_matches_libc(void)
{
	if (SAME("%*d|", 6, 42) && SAME("%-*d|", 6, 42))
		SAME("%0*d|", 6, -42);
}

static void negative_star_width_left_justifies(void)
{
	SAME("%*d|", -6, 42);
}

static void chars_and_percent_match_libc(void)
{
	if (SAME("%c", 'x') && SAME("%3c|", 'x') && SAME("%-3c|", 'x') && SAME("%c%c%c", 'a', 'b', 'c') &&
	    SAME("100%%%s", ""))
		SAME("%%d %d", 5);
}

static void pointer_prints_0x_and_hex(void)
{
	void *p[] = { (void *)0x1234, (void *)0xffff888000001000UL, (void *)&kb };
	for (unsigned i = 0; i < sizeof(p) / sizeof(p[0]); i++)
		if (!SAME("%p", p[i]) || !SAME("%20p|", p[i]) || !SAME("%-20p|", p[i]))
			return;
}

static void mixed_kernel_style_line_matches_libc(void)
{
	SAME("BIOS-e820: [mem %#018lx-%#018lx] %s, %lu pages, order:%u, gfp:%#x, pid %d comm %s\n",
	     0x100000UL, 0x3ffdffffUL, "usable", 261854UL, 9u, 0x2au, 1, "init");
}

/* Every buffer size from 0 to past the end: same bytes written, nothing
 * written past size, the full length returned. */
static void truncation_and_return_value_match_libc(void)
{
	const char *fmt = "value=%d name=%s hex=%#lx";
	int full = snprintf(NULL, 0, fmt, -123, "abc", 0xbeefUL);
	if (!expect_l("k_snprintf(NULL, 0, ...)", full, k_snprintf(NULL, 0, fmt, -123, "abc", 0xbeefUL)))
		return;
	for (int size = 0; size <= full + 2; size++) {
		memset(kb, '#', sizeof(kb));
		memset(cb, '#', sizeof(cb));
		int kn = k_snprintf(kb, size, fmt, -123, "abc", 0xbeefUL);
		int cn = snprintf(cb, size, fmt, -123, "abc", 0xbeefUL);
		if (kn != cn || memcmp(kb, cb, full + 8))
			return (void)fail("expected \"%.*s\" returning %d with size %d, saw \"%.*s\" returning %d",
					  full + 4, cb, cn, size, full + 4, kb, kn);
	}
}

static void scnprintf_returns_what_was_written(void)
{
	if (!expect_l("k_scnprintf with size 0", 0, k_scnprintf(kb, 0, "hello world")) ||
	    !expect_l("k_scnprintf with size 5", 4, k_scnprintf(kb, 5, "hello world")) ||
	    !expect_str("its text", "hell", kb) ||
	    !expect_l("k_scnprintf with room", 11, k_scnprintf(kb, sizeof(kb), "hello %s", "world")))
		return;
	expect_l("k_scnprintf with size exactly strlen", 10, k_scnprintf(kb, 11, "hello world"));
}

int main(void)
{
	run_test("vsnprintf_signed_decimal_matches_libc", signed_decimal_matches_libc);
	run_test("vsnprintf_long_decimal_matches_libc", long_decimal_matches_libc);
	run_test("vsnprintf_unsigned_hex_and_octal_match_libc", unsigned_hex_and_octal_match_libc);
	run_test("vsnprintf_alternate_hex_zero_padded_matches_libc", alternate_hex_zero_padded_matches_libc);
	run_test("vsnprintf_alternate_hex_space_padded_matches_libc", alternate_hex_space_padded_matches_libc);
	run_test("vsnprintf_alternate_upper_hex_prefix_is_upper_case", alternate_upper_hex_prefix_is_upper_case);
	run_test("vsnprintf_integer_precision_matches_libc", integer_precision_matches_libc);
	run_test("vsnprintf_h_length_modifier_matches_libc", h_length_modifier_matches_libc);
	run_test("vsnprintf_strings_match_libc", strings_match_libc);
	run_test("vsnprintf_null_string_prints_null", null_string_prints_null);
	run_test("vsnprintf_star_width_matches_libc", star_width_matches_libc);
	run_test("vsnprintf_negative_star_width_left_justifies", negative_star_width_left_justifies);
	run_test("vsnprintf_chars_and_percent_match_libc", chars_and_percent_match_libc);
	run_test("vsnprintf_pointer_prints_0x_and_hex", pointer_prints_0x_and_hex);
	run_test("vsnprintf_mixed_kernel_style_line_matches_libc", mixed_kernel_style_line_matches_libc);
	run_test("vsnprintf_truncation_and_return_value_match_libc", truncation_and_return_value_match_libc);
	run_test("vsnprintf_scnprintf_returns_what_was_written", scnprintf_returns_what_was_written);
	return unit_finish();
}
