/* Boot self-tests (command line "selftest"): exercise the buddy allocator,
 * kmalloc, and kernel threads sleeping and waking, one result line per
 * check ("selftest: PASS name" / "selftest: FAIL name: why"), then power
 * off with the number of failures as the status. */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/fs.h>
#include <linux/uaccess.h>
#include <asm/processor.h>

static int failures;

static u64 t_last;

static void report(const char *name, bool ok, const char *why)
{
	u64 now = ktime_get_ns();
	u64 ms = (now - t_last) / NSEC_PER_MSEC;
	t_last = now;
	if (ok)
		printk("selftest: PASS %s (%lu ms)\n", name, ms);
	else {
		printk("selftest: FAIL %s: %s\n", name, why);
		failures++;
	}
}

void zone_free_counts(unsigned long counts[MAX_ORDER]);

/* Allocate and free one block of every order; the free count must return. */
static void test_buddy_orders(void)
{
	unsigned long before = nr_free_pages();
	bool ok = true;
	for (unsigned o = 0; o < MAX_ORDER; o++) {
		struct page *p = alloc_pages(GFP_KERNEL, o);
		if (!p || (page_to_pfn(p) & ((1UL << o) - 1))) {
			ok = false;
			break;
		}
		memset(page_address(p), 0xa5, PAGE_SIZE << o);
		__free_pages(p, o);
	}
	report("buddy_every_order", ok && nr_free_pages() == before, "allocation failed or free count changed");
}

/* Take every page (order 0) until none is left, then give them all back:
 * the allocator must merge everything back into the original blocks. */
static void test_buddy_exhaust(void)
{
	unsigned long counts_before[MAX_ORDER], counts_after[MAX_ORDER];
	unsigned long before = nr_free_pages(), n = 0;
	struct page *list = NULL;

	zone_free_counts(counts_before);
	for (;;) {
		struct page *p = alloc_pages(__GFP_NOWARN | __GFP_NORETRY | __GFP_HIGH, 0);
		if (!p)
			break;
		/* chain the pages through their first word */
		*(struct page **)page_address(p) = list;
		list = p;
		n++;
	}
	/* the allocator stops at its reserve (half the min watermark for
	 * __GFP_HIGH): that is "exhausted" for this caller */
	bool exhausted = nr_free_pages() <= min_wmark_pages(&contig_zone);
	/* free in an interleaved order to exercise merging */
	while (list) {
		struct page *p = list;
		list = *(struct page **)page_address(p);
		__free_pages(p, 0);
	}
	zone_free_counts(counts_after);
	bool same = !memcmp(counts_before, counts_after, sizeof(counts_before));
	report("buddy_exhaust_and_recover", exhausted && nr_free_pages() == before && same,
	       "free count or per-order block counts differ after freeing everything");
	printk("selftest: allocated %lu pages (%lu MiB) before exhaustion\n", n, n >> 8);
}

static void test_buddy_fragmentation(void)
{
	unsigned long before = nr_free_pages();
	static struct page *pages[2048];
	unsigned seed = 12345;
	for (int i = 0; i < 2048; i++)
		pages[i] = alloc_pages(GFP_KERNEL, i % 4);
	for (int round = 0; round < 4096; round++) {
		seed = seed * 1103515245 + 12345;
		int i = (seed >> 8) % 2048;
		if (pages[i]) {
			__free_pages(pages[i], i % 4);
			pages[i] = NULL;
		} else {
			pages[i] = alloc_pages(GFP_KERNEL, i % 4);
		}
	}
	for (int i = 0; i < 2048; i++)
		if (pages[i])
			__free_pages(pages[i], i % 4);
	report("buddy_random_alloc_free", nr_free_pages() == before, "free count differs");
}

static void test_kmalloc(void)
{
	unsigned long before = nr_free_pages();
	static void *objs[1000];
	bool ok = true;
	for (int i = 0; i < 1000; i++) {
		size_t sz = 1 + (i * 37) % 5000;
		objs[i] = kmalloc(sz, GFP_KERNEL);
		if (!objs[i] || ksize(objs[i]) < sz)
			ok = false;
		else
			memset(objs[i], i & 0xff, sz);
	}
	for (int i = 0; i < 1000 && ok; i++) {
		size_t sz = 1 + (i * 37) % 5000;
		unsigned char *p = objs[i];
		if (p[0] != (i & 0xff) || p[sz - 1] != (i & 0xff))
			ok = false;
	}
	for (int i = 0; i < 1000; i++)
		kfree(objs[i]);
	report("kmalloc_sizes_and_contents", ok, "allocation failed or objects overlap");
	report("kmalloc_returns_pages", nr_free_pages() == before, "pages not returned after kfree");
}

static struct wait_queue_head sleeper_wq;
static volatile int sleeper_done[2];

/* Sleep, then check that at least that many ticks passed (the tick, not
 * the TSC: under emulation QEMU may deliver late ticks in a burst). */
static int sleeper(void *arg)
{
	long id = (long)arg;
	unsigned long t0 = jiffies;
	msleep(20 + id * 10);
	sleeper_done[id] = jiffies - t0 >= msecs_to_jiffies(20 + id * 10) ? 1 : -1;
	wake_up(&sleeper_wq);
	return 0;
}

static void test_kthreads_sleep(void)
{
	init_waitqueue_head(&sleeper_wq);
	kthread_run(sleeper, (void *)0L, "sleeper0");
	kthread_run(sleeper, (void *)1L, "sleeper1");
	wait_event(sleeper_wq, sleeper_done[0] && sleeper_done[1]);
	report("kthreads_sleep_and_wake", sleeper_done[0] == 1 && sleeper_done[1] == 1,
	       "a thread woke before its time");
}

static volatile unsigned long spins[2];
static volatile int spin_stop;

static int spinner(void *arg)
{
	long id = (long)arg;
	while (!spin_stop)
		spins[id]++;
	return 0;
}

/* Two threads that never sleep must both run: the timer preempts them. */
static void test_preemption(void)
{
	kthread_run(spinner, (void *)0L, "spin0");
	kthread_run(spinner, (void *)1L, "spin1");
	msleep(100);
	spin_stop = 1;
	msleep(20);
	report("timer_preempts_busy_threads", spins[0] > 0 && spins[1] > 0, "a thread never ran");
}

int probe_user_read_nosmap(const void *addr);
unsigned long vm_brk_flags(unsigned long addr, unsigned long len, unsigned long flags);

/* Map one user page in a scratch address space: copy_to_user reaches it,
 * a plain kernel read (no stac) must fault (SMAP) and be caught. */
static void test_smap(void)
{
	extern bool cpu_has_smap;
	struct mm_struct *mm = mm_alloc();
	const unsigned long addr = 0x400000;
	char c = 'x';

	if (!cpu_has_smap) {
		printk("selftest: SKIP smap_catches_stray_kernel_access (no SMAP on this CPU)\n");
		if (mm)
			mmput(mm);
		return;
	}
	current->mm = current->active_mm = mm;
	write_cr3(__pa(mm->pgd));
	mmap_write_lock(mm);
	vm_brk_flags(addr, PAGE_SIZE, 0);
	mmap_write_unlock(mm);
	bool copy_ok = copy_to_user((void *)addr, &c, 1) == 0;
	int probed = probe_user_read_nosmap((void *)addr);
	current->mm = NULL;
	current->active_mm = &init_mm;
	write_cr3(__pa(init_mm.pgd));
	mmput(mm);
	report("copy_to_user_reaches_user_page", copy_ok, "copy_to_user failed");
	report("smap_catches_stray_kernel_access", probed == -1,
	       "a kernel read of user memory without stac was not stopped");
}

/* Recurse until the stack runs into its guard page: the double fault must
 * be reported (command line "stack_overflow_test"; it ends the boot). */
static volatile int recurse_limit = 1 << 30;

static noinline int recurse(int n)
{
	volatile char pad[512];
	pad[0] = n;
	if (n > recurse_limit)
		return 0;
	return recurse(n + 1) + pad[0];
}

int stack_overflow_test(void)
{
	printk("selftest: overflowing this thread's kernel stack on purpose...\n");
	return recurse(0);
}

int run_selftests(void)
{
	t_last = ktime_get_ns();
	test_buddy_orders();
	test_buddy_exhaust();
	test_buddy_fragmentation();
	test_kmalloc();
	test_kthreads_sleep();
	test_preemption();
	test_smap();
	failures += fs_selftest();
	printk("selftest: %d failed\n", failures);
	return failures;
}
