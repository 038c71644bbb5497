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
	if (!left && pad == '0' && n && (*s == '-')) {
		put(o, *s++);
		n--;
	}
	if (!left)
		while (fill--)
			put(o, pad);
	while (n--)
		put(o, *s++);
	if (left)
		while (fill-- > 0)
			put(o, ' ');
}

static size_t format_number(char *tmp, unsigned long v, unsigned base,
			    bool upper, bool negative)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char rev[24];
	size_t n = 0, i = 0;
	do {
		rev[n++] = digits[v % base];
		v /= base;
	} while (v);
	if (negative)
		tmp[i++] = '-';
	while (n)
		tmp[i++] = rev[--n];
	return i;
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
		while (*fmt == 'l' || *fmt == 'z' || *fmt == 'h') {
			if (*fmt != 'h')
				lng++;
			fmt++;
		}

		char tmp[32];
		size_t n;
		unsigned long v;
		switch (*fmt) {
		case 'd':
		case 'i': {
			long s = lng ? va_arg(ap, long) : va_arg(ap, int);
			n = format_number(tmp, s < 0 ? -(unsigned long)s : (unsigned long)s, 10, false, s < 0);
			put_padded(&o, tmp, n, width, left, pad);
			break;
		}
		case 'u':
		case 'x':
		case 'X':
		case 'o':
			v = lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned int);
			if (alt && (*fmt == 'x' || *fmt == 'X')) {
				/* "0x" then the digits, zero padding between them */
				put(&o, '0');
				put(&o, 'x');
				width = width > 2 ? width - 2 : 0;
			}
			n = format_number(tmp, v, *fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16,
					  *fmt == 'X', false);
			put_padded(&o, tmp, n, width, left, pad);
			break;
		case 'p':
			v = (unsigned long)va_arg(ap, void *);
			tmp[0] = '0';
			tmp[1] = 'x';
			n = 2 + format_number(tmp + 2, v, 16, false, false);
			put_padded(&o, tmp, n, width, left, pad);
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			n = prec >= 0 ? strnlen(s, prec) : strlen(s);
			put_padded(&o, s, n, width, left, ' ');
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
