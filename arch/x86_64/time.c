/* Time sources: the PIT (8254) interrupts HZ times a second (the tick that
 * drives jiffies, timers and preemption), and the TSC, calibrated against
 * the PIT at boot, gives nanoseconds for clock_gettime and latency figures.
 * With jitter=SEED each tick lasts a pseudo-random 0.5-1.5 ms instead. */
#include <linux/kernel.h>
#include <linux/time.h>
#include <linux/sched.h>
#include <linux/init.h>
#include <asm/io.h>
#include <asm/irq.h>
#include <asm/processor.h>

#define PIT_HZ 1193182
#define PIT_CH0 0x40
#define PIT_CH2 0x42
#define PIT_CMD 0x43

volatile unsigned long jiffies;
unsigned long tsc_khz;
static u64 tsc_at_boot;
static u64 tsc_mult;			/* ns = (tsc * tsc_mult) >> 32 */
u64 boot_time_ns;			/* wall clock at boot, from the CMOS RTC */

/* Count TSC ticks across 10 ms measured by PIT channel 2 (gate via port 0x61). */
static unsigned long calibrate_tsc_khz(void)
{
	const unsigned int ms = 10, count = PIT_HZ * ms / 1000;

	outb((inb(0x61) & ~0x02) | 0x01, 0x61);	/* gate on, speaker off */
	outb(0xb0, PIT_CMD);			/* channel 2, mode 0, binary */
	outb(count & 0xff, PIT_CH2);
	outb(count >> 8, PIT_CH2);
	u64 t0 = rdtsc();
	while (!(inb(0x61) & 0x20))		/* OUT2 goes high at terminal count */
		;
	u64 t1 = rdtsc();
	return (t1 - t0) / ms;
}

u64 ktime_get_ns(void)
{
	u64 d = rdtsc() - tsc_at_boot;
	return (u64)(((unsigned __int128)d * tsc_mult) >> 32);
}

u64 ktime_get_real_ns(void)
{
	return boot_time_ns + ktime_get_ns();
}

/*
 * jitter=SEED (Pintos' idea): the PIT counts down once per tick (mode 0,
 * interrupt on terminal count) from a length drawn from the seed, so that
 * preemptions and timer expiries fall at other instructions for another
 * seed and at the same ones for the same seed (under QEMU -icount). The
 * lengths average one nominal tick; jiffies counts the nominal ticks the
 * TSC has seen pass, so time stays right whatever the draws.
 */
static u64 jitter_state;
static u64 jitter_base_ns;		/* ktime when the first jittered tick was set */

/* Start the next tick: 0.5 to 1.5 nominal ticks from now. */
static void pit_jitter_next_tick(void)
{
	unsigned int nominal = PIT_HZ / HZ;
	unsigned int count = nominal / 2 + jitter_next(&jitter_state, JITTER_TICK) % (nominal + 1);

	outb(0x30, PIT_CMD);			/* channel 0, mode 0, lobyte/hibyte */
	outb(count & 0xff, PIT_CH0);
	outb(count >> 8, PIT_CH0);
}

static void timer_interrupt(int irq)
{
	if (boot_params.jitter_seed) {
		pit_jitter_next_tick();
		jiffies = (ktime_get_ns() - jitter_base_ns) / (NSEC_PER_SEC / HZ);
	} else {
		jiffies++;
	}
	run_timers();
	scheduler_tick();
}

/* Busy-wait; only for hardware that needs a short pause. */
void udelay(unsigned long us)
{
	u64 end = rdtsc() + us * tsc_khz / 1000;
	while (rdtsc() < end)
		cpu_relax();
}

static u8 cmos_read(u8 reg)
{
	outb(reg, 0x70);
	return inb(0x71);
}

static unsigned int bcd(u8 v) { return (v & 0x0f) + (v >> 4) * 10; }

/* Seconds since 1970 from the CMOS clock (QEMU gives the host's time in UTC). */
static u64 read_rtc_seconds(void)
{
	while (cmos_read(0x0a) & 0x80)		/* update in progress */
		;
	bool binary = cmos_read(0x0b) & 0x04;
	unsigned int s = cmos_read(0x00), m = cmos_read(0x02), h = cmos_read(0x04);
	unsigned int d = cmos_read(0x07), mo = cmos_read(0x08), y = cmos_read(0x09);
	if (!binary) {
		s = bcd(s); m = bcd(m); h = bcd(h); d = bcd(d); mo = bcd(mo); y = bcd(y);
	}
	y += 2000;
	/* days from 1970-01-01 to y-mo-d (civil calendar) */
	int a = (14 - mo) / 12, yy = y + 4800 - a, mm = mo + 12 * a - 3;
	long jdn = d + (153 * mm + 2) / 5 + 365L * yy + yy / 4 - yy / 100 + yy / 400 - 32045;
	return (u64)(jdn - 2440588) * 86400 + h * 3600 + m * 60 + s;
}

void time_init(void)
{
	tsc_khz = calibrate_tsc_khz();
	if (!tsc_khz)
		tsc_khz = 1000000;
	tsc_mult = ((u64)1000000 << 32) / tsc_khz;
	tsc_at_boot = rdtsc();
	boot_time_ns = read_rtc_seconds() * NSEC_PER_SEC;

	request_irq(0, timer_interrupt);
	if (boot_params.jitter_seed) {
		jitter_base_ns = ktime_get_ns();
		pit_jitter_next_tick();
		printk(KERN_INFO "time: TSC %lu.%03lu MHz, tick %d Hz on average, each 0.5-1.5 ms (jitter=%lu)\n",
		       tsc_khz / 1000, tsc_khz % 1000, HZ, boot_params.jitter_seed);
		return;
	}
	unsigned int divisor = PIT_HZ / HZ;
	outb(0x34, PIT_CMD);			/* channel 0, mode 2 (rate generator) */
	outb(divisor & 0xff, PIT_CH0);
	outb(divisor >> 8, PIT_CH0);
	printk(KERN_INFO "time: TSC %lu.%03lu MHz, tick %d Hz\n", tsc_khz / 1000, tsc_khz % 1000, HZ);
}
