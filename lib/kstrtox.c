/* Parsing numbers from strings: the command line and writes to /sys files.
 * kstrtoul is strict like Linux's: the whole string (but one trailing
 * newline) must be a number, or it returns -EINVAL / -ERANGE. */
#include <linux/kernel.h>
#include <linux/errno.h>

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

unsigned long simple_strtoul(const char *s, char **end, unsigned int base)
{
	unsigned long v = 0;
	if (base == 0) {
		base = 10;
		if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
			base = 16, s += 2;
		else if (s[0] == '0' && s[1])
			base = 8;
	} else if (base == 16 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		s += 2;
	}
	while (digit_value(*s) < (int)base)
		v = v * base + digit_value(*s++);
	if (end)
		*end = (char *)s;
	return v;
}

int kstrtoul(const char *s, unsigned int base, unsigned long *res)
{
	unsigned long v = 0;
	bool any = false;

	if (*s == '+')
		s++;
	if (base == 0) {
		base = 10;
		if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && s[2])
			base = 16, s += 2;
		else if (s[0] == '0' && s[1] && s[1] != '\n')
			base = 8, s++;
	}
	for (; digit_value(*s) < (int)base; s++) {
		unsigned long d = digit_value(*s);
		if (v > (~0UL - d) / base)
			return -ERANGE;
		v = v * base + d;
		any = true;
	}
	if (*s == '\n')
		s++;
	if (!any || *s)
		return -EINVAL;
	*res = v;
	return 0;
}

int kstrtoint(const char *s, unsigned int base, int *res)
{
	unsigned long v;
	bool neg = *s == '-';
	int err = kstrtoul(neg ? s + 1 : s, base, &v);
	if (err)
		return err;
	if (v > (neg ? 0x80000000UL : 0x7fffffffUL))
		return -ERANGE;
	*res = neg ? -(long)v : (long)v;
	return 0;
}

unsigned long int_sqrt(unsigned long x)
{
	unsigned long r = 0, bit = 1UL << 62;
	while (bit > x)
		bit >>= 2;
	while (bit) {
		if (x >= r + bit) {
			x -= r + bit;
			r = (r >> 1) + bit;
		} else {
			r >>= 1;
		}
		bit >>= 2;
	}
	return r;
}
