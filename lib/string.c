/* Memory and string routines for the kernel (no libc here). memset and
 * memcpy move 8-byte words with "rep stosq"/"rep movsq" and only the last
 * 0-7 bytes one by one: QEMU's TCG runs a "rep" string instruction one
 * element per iteration, so bytes ("rep stosb") cost 8 times more, and the
 * boot zeroes 16 MiB of struct pages and copies the whole initramfs. x86
 * allows words at any alignment. Page-sized clear/copy use the same
 * instructions: THP faults zero 2 MiB at a time, and that must run at
 * memory speed. */
#include <linux/string.h>

void *memset(void *s, int c, size_t n)
{
	void *d = s;
	size_t words = n / 8, bytes = n % 8;
	unsigned long v = (unsigned char)c * 0x0101010101010101UL;

	__asm__ volatile("rep stosq" : "+D"(d), "+c"(words) : "a"(v) : "memory");
	__asm__ volatile("rep stosb" : "+D"(d), "+c"(bytes) : "a"(v) : "memory");
	return s;
}

/* Copies forward, word by word: memmove relies on that when dst < src. */
void *memcpy(void *dst, const void *src, size_t n)
{
	void *d = dst;
	size_t words = n / 8, bytes = n % 8;

	__asm__ volatile("rep movsq" : "+D"(d), "+S"(src), "+c"(words) :: "memory");
	__asm__ volatile("rep movsb" : "+D"(d), "+S"(src), "+c"(bytes) :: "memory");
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	for (size_t i = 0; i < n; i++)
		if (x[i] != y[i])
			return x[i] - y[i];
	return 0;
}

/* True when some byte of [p, p+n) is not zero. */
bool memchr_inv_zero(const void *p, size_t n)
{
	const unsigned long *w = p;
	for (size_t i = 0; i < n / sizeof(long); i++)
		if (w[i])
			return true;
	return false;
}

void clear_page(void *page)
{
	unsigned long n = 4096 / 8;
	__asm__ volatile("rep stosq" : "+D"(page), "+c"(n) : "a"(0UL) : "memory");
}

void copy_page(void *dst, const void *src)
{
	unsigned long n = 4096 / 8;
	__asm__ volatile("rep movsq" : "+D"(dst), "+S"(src), "+c"(n) :: "memory");
}

size_t strlen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;
	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			return 0;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (; *s; s++)
		if (*s == (char)c)
			return (char *)s;
	return c ? NULL : (char *)s;
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;
	for (; *s; s++)
		if (*s == (char)c)
			last = s;
	return (char *)last;
}

/* Copy at most size-1 bytes and always terminate; returns strlen(src). */
size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);
	if (size) {
		size_t n = len < size - 1 ? len : size - 1;
		memcpy(dst, src, n);
		dst[n] = 0;
	}
	return len;
}

char *strcpy(char *dst, const char *src)
{
	char *d = dst;
	while ((*d++ = *src++))
		;
	return dst;
}
