/* Host tests of the kernel's memset, memcpy and memmove (lib/string.c),
 * which move 8-byte words and then the last bytes: every alignment of
 * source and destination and every length up to 300 (and a few large
 * ones) must give what the host libc gives, and write nothing outside the
 * destination. lib/string.c is built with its functions renamed k_*. */
#include <stddef.h>
#include <string.h>
#include "harness.h"

void *k_memset(void *s, int c, size_t n);
void *k_memcpy(void *dst, const void *src, size_t n);
void *k_memmove(void *dst, const void *src, size_t n);

#define SPAN (70000 + 64)
static unsigned char src[SPAN], kbuf[SPAN], cbuf[SPAN];

static const size_t big[] = { 4095, 4096, 4097, 65536 + 3, 70000 };

static void fill_pattern(unsigned char *b, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		b[i] = (unsigned char)(i * 131 + seed * 7 + (i >> 8));
}

/* kbuf (the kernel's result) equals cbuf (libc's) up to 32 bytes past the
 * destination, so also the guard bytes around it. */
static int same_buffers(const char *what, size_t off, size_t len)
{
	for (size_t i = 0; i < off + len + 32; i++)
		if (kbuf[i] != cbuf[i])
			return fail("expected byte %zu = %#x after %s of %zu bytes at offset %zu, saw %#x",
				    i, cbuf[i], what, len, off, kbuf[i]);
	return 1;
}

static int check_memset(size_t off, size_t len, int c)
{
	fill_pattern(kbuf, off + len + 32, 1);
	fill_pattern(cbuf, off + len + 32, 1);
	if (k_memset(kbuf + off, c, len) != kbuf + off)
		return fail("expected memset to return its destination");
	memset(cbuf + off, c, len);
	return same_buffers("memset", off, len);
}

static int check_memcpy(size_t doff, size_t soff, size_t len)
{
	fill_pattern(kbuf, doff + len + 32, 2);
	fill_pattern(cbuf, doff + len + 32, 2);
	if (k_memcpy(kbuf + doff, src + soff, len) != kbuf + doff)
		return fail("expected memcpy to return its destination");
	memcpy(cbuf + doff, src + soff, len);
	return same_buffers("memcpy", doff, len);
}

/* memmove within one buffer, src at soff, dst at doff (they may overlap). */
static int check_memmove(size_t doff, size_t soff, size_t len)
{
	size_t end = (doff > soff ? doff : soff) + len + 32;

	fill_pattern(kbuf, end, 3);
	fill_pattern(cbuf, end, 3);
	if (k_memmove(kbuf + doff, kbuf + soff, len) != kbuf + doff)
		return fail("expected memmove to return its destination");
	memmove(cbuf + doff, cbuf + soff, len);
	return same_buffers("memmove", end - len - 32, len);
}

static void memset_matches_libc_at_every_alignment_and_length(void)
{
	static const int values[] = { 0, 0xff, 0x80, 0x5a, -1, 0x1234 };
	for (size_t off = 0; off < 16; off++)
		for (size_t len = 0; len <= 300; len++)
			for (unsigned v = 0; v < sizeof(values) / sizeof(values[0]); v++)
				if (!check_memset(off, len, values[v]))
					return;
	for (unsigned i = 0; i < sizeof(big) / sizeof(big[0]); i++)
		for (size_t off = 0; off < 9; off++)
			if (!check_memset(off, big[i], 0xa5))
				return;
}

static void memcpy_matches_libc_at_every_alignment_and_length(void)
{
	fill_pattern(src, SPAN, 9);
	for (size_t doff = 0; doff < 16; doff++)
		for (size_t soff = 0; soff < 16; soff++)
			for (size_t len = 0; len <= 300; len++)
				if (!check_memcpy(doff, soff, len))
					return;
	for (unsigned i = 0; i < sizeof(big) / sizeof(big[0]); i++)
		for (size_t off = 0; off < 9; off++)
			if (!check_memcpy(off, 8 - off, big[i]))
				return;
}

/* memmove copies forward through memcpy when dst is below src, even when
 * the two overlap by less than a word. */
static void memmove_matches_libc_for_overlaps_both_ways(void)
{
	for (size_t doff = 0; doff < 24; doff++)
		for (size_t soff = 0; soff < 24; soff++)
			for (size_t len = 0; len <= 80; len++)
				if (!check_memmove(32 + doff, 32 + soff, len))
					return;
	for (unsigned i = 0; i < sizeof(big) / sizeof(big[0]); i++)
		if (!check_memmove(0, 3, big[i] - 8) || !check_memmove(5, 0, big[i] - 8))
			return;
}

int main(void)
{
	run_test("string_memset_matches_libc_at_every_alignment_and_length",
		 memset_matches_libc_at_every_alignment_and_length);
	run_test("string_memcpy_matches_libc_at_every_alignment_and_length",
		 memcpy_matches_libc_at_every_alignment_and_length);
	run_test("string_memmove_matches_libc_for_overlaps_both_ways", memmove_matches_libc_for_overlaps_both_ways);
	return unit_finish();
}
