/* printk: kernel messages to the serial console. A message may start with a
 * KERN_<level> marker; messages less important than console_loglevel are
 * dropped. Output of one message is never interleaved with another's. */
#include <linux/kernel.h>
#include <linux/spinlock.h>
#include <asm/irq.h>

int console_loglevel = 7;		/* print KERN_INFO and more important */
static DEFINE_SPINLOCK(printk_lock);

int vprintk(const char *fmt, va_list ap)
{
	char buf[512];
	int level = 6;
	unsigned long flags;

	if (fmt[0] == '\001' && fmt[1] >= '0' && fmt[1] <= '7') {
		level = fmt[1] - '0';
		fmt += 2;
	}
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	if (n > (int)sizeof(buf) - 1)
		n = sizeof(buf) - 1;
	if (level > console_loglevel)
		return n;
	spin_lock_irqsave(&printk_lock, flags);
	serial_write(buf, n);
	spin_unlock_irqrestore(&printk_lock, flags);
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

/* Called by a spinlock that found itself misused. */
void spin_lock_bug(spinlock_t *l, const char *what)
{
	panic("spinlock %s: %s", l->name, what);
}
