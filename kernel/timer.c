/* Kernel timers: run a function once, when jiffies reaches t->expires.
 * The pending timers are kept sorted; the tick runs the expired ones. */
#include <linux/kernel.h>
#include <linux/time.h>
#include <asm/processor.h>

static LIST_HEAD(timer_list_head);

void timer_setup(struct timer_list *t, void (*fn)(struct timer_list *))
{
	t->function = fn;
	t->pending = false;
	INIT_LIST_HEAD(&t->entry);
}

void add_timer(struct timer_list *t)
{
	unsigned long flags;
	struct timer_list *pos;

	local_irq_save(flags);
	if (t->pending)
		list_del_init(&t->entry);
	list_for_each_entry(pos, &timer_list_head, entry)
		if (time_after(pos->expires, t->expires))
			break;
	list_add_tail(&t->entry, &pos->entry);
	t->pending = true;
	local_irq_restore(flags);
}

void del_timer(struct timer_list *t)
{
	unsigned long flags;

	local_irq_save(flags);
	if (t->pending) {
		list_del_init(&t->entry);
		t->pending = false;
	}
	local_irq_restore(flags);
}

/* From the timer interrupt: fire every timer whose time has come. */
void run_timers(void)
{
	while (!list_empty(&timer_list_head)) {
		struct timer_list *t = list_first_entry(&timer_list_head, struct timer_list, entry);
		if (time_after(t->expires, jiffies))
			break;
		list_del_init(&t->entry);
		t->pending = false;
		t->function(t);
	}
}
