/* Time: the timer tick (jiffies), a nanosecond clock from the TSC, and
 * kernel timers that run a function when they expire. */
#ifndef _LINUX_TIME_H
#define _LINUX_TIME_H

#include <linux/types.h>
#include <linux/list.h>

#define HZ 1000			/* timer interrupts per second */
#define NSEC_PER_SEC 1000000000UL
#define NSEC_PER_MSEC 1000000UL

extern volatile unsigned long jiffies;

u64 ktime_get_ns(void);			/* monotonic, since boot */
u64 ktime_get_real_ns(void);		/* wall clock (boot time + monotonic) */
static inline unsigned long msecs_to_jiffies(unsigned long ms) { return ms * HZ / 1000; }
static inline unsigned long jiffies_to_msecs(unsigned long j) { return j * 1000 / HZ; }
#define time_after(a, b) ((long)((b) - (a)) < 0)
#define time_after_eq(a, b) ((long)((a) - (b)) >= 0)

struct timer_list {
	unsigned long expires;			/* in jiffies */
	void (*function)(struct timer_list *);
	struct list_head entry;
	bool pending;
};

void timer_setup(struct timer_list *t, void (*fn)(struct timer_list *));
void add_timer(struct timer_list *t);
void del_timer(struct timer_list *t);
void run_timers(void);

void time_init(void);
void udelay(unsigned long us);
extern unsigned long tsc_khz;

#endif
