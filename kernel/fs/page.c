/*
 * /proc/kpageflags and /proc/kpagecount: one 64-bit word per page frame,
 * indexed by PFN (Linux's fs/proc/page.c; the bits are those of Linux's
 * admin-guide/mm/pagemap). With /proc/PID/pagemap (virtual page -> PFN) they
 * answer "what is behind this address": a THP's head or tail, the huge zero
 * page, a page-table page, a free buddy block. Reads must be 8-byte aligned
 * in position and size; past the last frame they return 0 bytes.
 */
#include <linux/mm.h>
#include <linux/huge_mm.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/errno.h>
#include <linux/uaccess.h>

#define KPF_LOCKED		0
#define KPF_REFERENCED		2
#define KPF_UPTODATE		3
#define KPF_DIRTY		4
#define KPF_LRU			5
#define KPF_SLAB		7
#define KPF_BUDDY		10
#define KPF_MMAP		11
#define KPF_ANON		12
#define KPF_SWAPBACKED		14
#define KPF_COMPOUND_HEAD	15
#define KPF_COMPOUND_TAIL	16
#define KPF_NOPAGE		20
#define KPF_THP			22
#define KPF_ZERO_PAGE		24
#define KPF_PGTABLE		26
#define KPF_RESERVED		32

/* The flags Linux promises to keep meaning the same (stable_page_flags). */
static u64 stable_page_flags(struct page *page)
{
	struct page *head = compound_head(page);
	u64 u = 0;

	if (page_mapped(page))
		u |= BIT(KPF_MMAP);
	if (PageAnon(page))
		u |= BIT(KPF_ANON);
	if (PageHead(page))
		u |= BIT(KPF_COMPOUND_HEAD);
	if (PageTail(page))
		u |= BIT(KPF_COMPOUND_TAIL);
	if (PageCompound(page) && PageTransHuge(head)) {
		/* a THP: mapped anonymous memory, or the huge zero page */
		if (PageAnon(head))
			u |= BIT(KPF_THP);
		else if (is_huge_zero_page(head))
			u |= BIT(KPF_THP) | BIT(KPF_ZERO_PAGE);
	} else if (is_zero_pfn(page_to_pfn(page))) {
		u |= BIT(KPF_ZERO_PAGE);
	}
	if (PageBuddy(page))
		u |= BIT(KPF_BUDDY);
	if (PageTable(page))
		u |= BIT(KPF_PGTABLE);
	if (PageLocked(page))
		u |= BIT(KPF_LOCKED);
	if (PageSlab(page))
		u |= BIT(KPF_SLAB);
	if (PageDirty(page))
		u |= BIT(KPF_DIRTY);
	if (PageReferenced(page))
		u |= BIT(KPF_REFERENCED);
	if (PageSwapBacked(head))
		u |= BIT(KPF_SWAPBACKED);
	if (PageReserved(page))
		u |= BIT(KPF_RESERVED);
	return u;
}

/* How many page-table entries map the frame (0 for a free or kernel page). */
static u64 page_count_entry(struct page *page)
{
	if (PageSlab(page) || PageBuddy(page) || PageTable(page) || PageReserved(page))
		return 0;
	return page_mapcount(page);
}

/* Copy one word per frame from pos/8 on, 512 at a time. */
static ssize_t kpage_read(char __user *buf, size_t count, loff_t pos, u64 (*word)(struct page *))
{
	u64 *words;
	size_t done = 0;

	if ((pos % 8) || (count % 8))
		return -EINVAL;
	if ((u64)pos >= (u64)max_pfn * 8)
		return 0;
	count = min((u64)count, (u64)max_pfn * 8 - pos);
	words = kmalloc(512 * 8, GFP_KERNEL);
	if (!words)
		return -ENOMEM;
	while (done < count) {
		unsigned long pfn = (pos + done) / 8;
		size_t n = min((count - done) / 8, 512UL);

		preempt_disable();	/* a snapshot: no page changes state meanwhile */
		for (size_t i = 0; i < n; i++)
			words[i] = word(pfn_to_page(pfn + i));
		preempt_enable();
		if (copy_to_user(buf + done, words, n * 8)) {
			if (!done)
				done = (size_t)-EFAULT;
			break;
		}
		done += n * 8;
	}
	kfree(words);
	return done;
}

static ssize_t kpageflags_read(struct task_struct *t, void *data, char __user *buf,
			       size_t count, loff_t pos)
{
	return kpage_read(buf, count, pos, stable_page_flags);
}

static ssize_t kpagecount_read(struct task_struct *t, void *data, char __user *buf,
			       size_t count, loff_t pos)
{
	return kpage_read(buf, count, pos, page_count_entry);
}

static const struct pseudo_file_ops kpageflags_ops = { .read = kpageflags_read };
static const struct pseudo_file_ops kpagecount_ops = { .read = kpagecount_read };

void proc_page_init(void)
{
	proc_create("kpageflags", 0400, &kpageflags_ops, NULL);
	proc_create("kpagecount", 0400, &kpagecount_ops, NULL);
}
