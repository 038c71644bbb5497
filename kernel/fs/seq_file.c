/* seq_file: how a pseudo file's show() writes its text. Output goes into a
 * fixed buffer; what does not fit marks the buffer as overflowed (count ==
 * size), and the caller (pseudo.c) runs show() again with a bigger one. */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <stdarg.h>

/* Mark m full: show() will be run again with a bigger buffer. */
static void seq_set_overflow(struct seq_file *m)
{
	m->count = m->size;
}

/* Append len bytes (as many as fit, so a cut-off text stays valid).
 * 0, or -1 if they did not all fit. */
int seq_write(struct seq_file *m, const void *data, size_t len)
{
	if (m->count + len < m->size) {
		memcpy(m->buf + m->count, data, len);
		m->count += len;
		return 0;
	}
	if (m->count < m->size)
		memcpy(m->buf + m->count, data, m->size - m->count);
	seq_set_overflow(m);
	return -1;
}

int seq_puts(struct seq_file *m, const char *s)
{
	return seq_write(m, s, strlen(s));
}

int seq_putc(struct seq_file *m, char c)
{
	return seq_write(m, &c, 1);
}

/* Append formatted text. 0, or -1 if it did not fit. */
int seq_printf(struct seq_file *m, const char *fmt, ...)
{
	va_list ap;
	int len;

	if (m->count >= m->size)
		return -1;
	va_start(ap, fmt);
	len = vsnprintf(m->buf + m->count, m->size - m->count, fmt, ap);
	va_end(ap);
	if (m->count + len < m->size) {
		m->count += len;
		return 0;
	}
	seq_set_overflow(m);
	return -1;
}
