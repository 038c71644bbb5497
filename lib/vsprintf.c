/* vsnprintf: the kernel's printf formatter (printk, /proc and /sys files).
 * Handles %d %i %u %x %X %o %p %s %c %%, the l/ll/z/h length modifiers,
 * width, '-' (left-justify), '0' (zero pad) and '.' precision. */
#include <linux/kernel.h>

struct outbuf {
	char *buf;
	size_t size;
	size_t len;	/* what would have been written, as C's snprintf */
};

static void put(struct outbuf *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_padded(struct outbuf *o, const char *s, size_t n, int width,
		       bool left, char pad)
{
	int fill = width > (int)n ? width - (int)n : 0;
	if (!left)
		while (fill--)
			put(o, pad);
	while (n--)
		put(o, *s++);
	if (left)
		while (fill-- > 0)
			put(o, ' ');
}

/* Write an integer: sign or "0x" prefix, zero padding (from the precision
 * or the '0' flag) and space padding to width, as C's printf does. */
static void put_number(struct outbuf *o, unsigned long v, unsigned base, bool upper,
		       bool negative, bool alt, int width, int prec, bool left, char pad)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char rev[24], prefix[3] = "";
	int n = 0, plen = 0, zeros = 0;

	if (!(prec == 0 && v == 0)) {
		do {
			rev[n++] = digits[v % base];
			v /= base;
		} while (v);
	}
	if (negative)
		prefix[plen++] = '-';
	else if (alt && base == 16 && n) {
		prefix[plen++] = '0';
		prefix[plen++] = upper ? 'X' : 'x';
	}
	if (prec >= 0)
		zeros = prec > n ? prec - n : 0;
	else if (pad == '0' && !left)
		zeros = width > plen + n ? width - plen - n : 0;
	int spaces = width > plen + zeros + n ? width - plen - zeros - n : 0;
	if (!left)
		while (spaces-- > 0)
			put(o, ' ');
	for (int i = 0; i < plen; i++)
		put(o, prefix[i]);
	while (zeros-- > 0)
		put(o, '0');
	while (n)
		put(o, rev[--n]);
	if (left)
		while (spaces-- > 0)
			put(o, ' ');
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct outbuf o = { buf, size, 0 };

	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		fmt++;
		bool left = false, alt = false;
		char pad = ' ';
		int width = 0, prec = -1, lng = 0;
		for (;; fmt++) {
			if (*fmt == '-')
				left = true;
			else if (*fmt == '#')
				alt = true;
			else if (*fmt == '0')
				pad = '0';
			else
				break;
		}
		if (*fmt == '*') {
			width = va_arg(ap, int);
			if (width < 0) {	/* a negative width means '-' */
				left = true;
				width = -width;
			}
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		if (*fmt == '.') {
			fmt++;
			prec = 0;
			if (*fmt == '*') {
				prec = va_arg(ap, int);
				fmt++;
			}
			while (*fmt >= '0' && *fmt <= '9')
				prec = prec * 10 + (*fmt++ - '0');
		}
		int half = 0;
		while (*fmt == 'l' || *fmt == 'z' || *fmt == 'h') {
			if (*fmt == 'h')
				half++;
			else
				lng++;
			fmt++;
		}

		char tmp[2];
		unsigned long v;
		switch (*fmt) {
		case 'd':
		case 'i': {
			long sv = lng ? va_arg(ap, long) : va_arg(ap, int);
			if (!lng && half == 1)
				sv = (short)sv;
			else if (!lng && half >= 2)
				sv = (signed char)sv;
			put_number(&o, sv < 0 ? -(unsigned long)sv : (unsigned long)sv, 10, false,
				   sv < 0, false, width, prec, left, pad);
			break;
		}
		case 'u':
		case 'x':
		case 'X':
		case 'o':
			v = lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned int);
			if (!lng && half == 1)
				v = (unsigned short)v;
			else if (!lng && half >= 2)
				v = (unsigned char)v;
			put_number(&o, v, *fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16, *fmt == 'X',
				   false, alt, width, prec, left, pad);
			break;
		case 'p':
			v = (unsigned long)va_arg(ap, void *);
			put_number(&o, v, 16, false, false, true, width, -1, left, ' ');
			break;
		case 's': {
			const char *str = va_arg(ap, const char *);
			if (!str)
				str = "(null)";
			size_t n = prec >= 0 ? strnlen(str, prec) : strlen(str);
			put_padded(&o, str, n, width, left, ' ');
			break;
		}
		case 'c':
			tmp[0] = (char)va_arg(ap, int);
			put_padded(&o, tmp, 1, width, left, ' ');
			break;
		case '%':
			put(&o, '%');
			break;
		case 0:
			fmt--;
			break;
		default:
			put(&o, '%');
			put(&o, *fmt);
		}
	}
	if (size)
		buf[o.len < size ? o.len : size - 1] = 0;
	return o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/* Like snprintf, but returns what was really written (never more than size-1). */
int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	if (size == 0)
		return 0;
	return n < (int)size ? n : (int)size - 1;
}
