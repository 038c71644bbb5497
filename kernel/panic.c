/* panic: an impossible state was found. Print why and where, then stop the
 * machine with a failure status so that a test run notices. */
#include <linux/kernel.h>
#include <linux/kallsyms.h>
#include <linux/sched.h>
#include <asm/processor.h>
#include <asm/traps.h>

static int panicking;

void panic(const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	local_irq_disable();
	if (panicking++)
		kernel_poweroff(KERNEL_PANIC_STATUS);	/* panic inside panic */
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printk(KERN_EMERG "Kernel panic - not syncing: %s\n", buf);
	printk("pid %d (%s)\nCall Trace:\n", current ? current->pid : -1,
	       current ? current->comm : "?");
	dump_stack();
	printk("---[ end Kernel panic - not syncing: %s ]---\n", buf);
	kernel_poweroff(KERNEL_PANIC_STATUS);
}
