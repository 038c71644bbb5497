/* Bloat: the memory a THP holds that its process never wrote.
 *
 * A THP fault zeroes 2 MiB at once, and khugepaged fills every empty PTE of
 * a range it collapses with a zero-filled subpage (up to max_ptes_none of
 * the 512: by default 511). Those zero-filled subpages cost real memory.
 *  - thp_collapse_bloat_pages in /proc/vmstat (ours) counts the ones
 *    collapses added (mm/khugepaged.c);
 *  - /sys/kernel/debug/thp/bloat (ours) counts, when read, the THPs that
 *    exist and the zero-filled subpages inside them now;
 *  - the underused-THP splitter is Linux 6.12's: under memory pressure the
 *    deferred-split shrinker (mm/vmscan.c) also splits every THP with more
 *    than max_ptes_none zero-filled subpages, mapping those subpages to the
 *    shared zero page and freeing them (thp_underused_split_page). With
 *    max_ptes_none at 511 (the default) no THP counts as underused, as in
 *    Linux; /sys/kernel/mm/transparent_hugepage/shrink_underused turns it off.
 *
 * Linux keeps every THP on the deferred split queue for this and takes it
 * off once it has been found not underused; this kernel keeps Linux 6.1's
 * queue (only partly mapped THPs) and finds the other THPs by looking at
 * every 2 MiB-aligned frame (THPs are naturally aligned buddy blocks), with
 * PG_underused_checked marking the ones already looked at. */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/mm.h>
#include <linux/rmap.h>
#include <linux/huge_mm.h>
#include <linux/fs.h>
#include <linux/errno.h>
#include <linux/thp_insight.h>

static bool split_underused_thp_enabled = true;	/* shrink_underused, Linux's default */

static bool zero_filled(struct page *page)
{
	return !memchr_inv_zero(page_address(page), PAGE_SIZE);
}

/*
 * Linux 6.12's thp_underused: more than max_ptes_none of the 512 subpages
 * hold only zeros. Stops as soon as the answer is known either way.
 */
static bool thp_underused(struct page *head)
{
	int max_zero = khugepaged_max_ptes_none, zero = 0, filled = 0;

	if (max_zero == HPAGE_PMD_NR - 1)
		return false;
	for (int i = 0; i < HPAGE_PMD_NR; i++) {
		if (zero_filled(head + i)) {
			if (++zero > max_zero)
				return true;
		} else if (++filled >= HPAGE_PMD_NR - max_zero) {
			return false;
		}
	}
	return false;
}

static bool underused_enabled(void)
{
	return split_underused_thp_enabled && khugepaged_max_ptes_none != HPAGE_PMD_NR - 1;
}

/* An anonymous THP (not the huge zero page, which is not anonymous) that
 * the shrinker has not looked at and that the deferred split queue does
 * not hold already. Preemption off: it cannot be freed meanwhile. */
static bool underused_candidate(struct page *head)
{
	return PageHead(head) && PageTransHuge(head) && PageAnon(head) &&
	       !PageUnderusedChecked(head) && !page_on_deferred_split_queue(head) &&
	       page_ref_count(head) > 0;
}

unsigned long thp_underused_count(void)
{
	unsigned long n = 0;

	if (!underused_enabled())
		return 0;
	preempt_disable();
	for (unsigned long pfn = 0; pfn + HPAGE_PMD_NR <= max_pfn; pfn += HPAGE_PMD_NR)
		if (underused_candidate(pfn_to_page(pfn)))
			n++;
	preempt_enable();
	return n;
}

/* Look at up to nr THPs not looked at before; split those that are
 * underused. Returns the number split. */
unsigned long thp_underused_scan(unsigned long nr)
{
	unsigned long split = 0;

	if (!underused_enabled())
		return 0;
	for (unsigned long pfn = 0; nr && pfn + HPAGE_PMD_NR <= max_pfn; pfn += HPAGE_PMD_NR) {
		struct page *head = pfn_to_page(pfn);
		bool candidate;

		preempt_disable();
		candidate = underused_candidate(head);
		if (candidate) {
			SetPageUnderusedChecked(head);
			get_page(head);		/* the pin split_huge_page expects */
		}
		preempt_enable();
		if (!candidate)
			continue;
		nr--;
		if (thp_underused(head)) {
			int freed = split_underused_thp(head);
			if (freed >= 0) {
				count_vm_event(THP_UNDERUSED_SPLIT_PAGE);
				thp_event(THP_EV_UNDERUSED_SPLIT, -1, 0, pfn, freed, 0);
				split++;
			}
		}
		put_page(head);
		cond_resched();
	}
	return split;
}

/* --- the split's last step: zero-filled subpages to the zero page ------------- */

int thp_find_zero_subpages(struct page *head, unsigned long *zero_map)
{
	int n = 0;

	for (int i = 0; i < HPAGE_PMD_NR; i++)
		if (atomic_read(&head[i]._mapcount) >= 0 && zero_filled(head + i)) {
			zero_map[i / (8 * sizeof(long))] |= BIT(i % (8 * sizeof(long)));
			n++;
		}
	return n;
}

/* rmap_one: if vma maps page at addr with a PTE, map the zero page there
 * instead, read-only (the next write faults and gets a page of its own). */
static bool map_zero_page_one(struct page *page, struct vm_area_struct *vma,
			      unsigned long addr, void *arg)
{
	struct mm_struct *mm = vma->vm_mm;
	pmd_t *pmd;

	if (vma->vm_flags & VM_LOCKED)		/* mlocked memory stays as it is */
		return true;
	spin_lock(&mm->page_table_lock);
	pmd = mm_find_pmd(mm, addr);
	if (pmd && !pmd_none(*pmd) && !pmd_trans_huge(*pmd)) {
		pte_t *pte = pte_offset_map(pmd, addr);
		if (pte_present(*pte) && pte_pfn(*pte) == page_to_pfn(page)) {
			set_pte(pte, pte_wrprotect(pfn_pte(page_to_pfn(zero_page), vma->vm_page_prot)));
			flush_tlb_page(vma, addr);
			page_remove_rmap(page, vma, false);
			dec_mm_counter(mm, 1);
			put_page(page);		/* the reference of that PTE */
		}
	}
	spin_unlock(&mm->page_table_lock);
	return true;
}

/* Every subpage is an order-0 page now, with its own mapping and index, so
 * the ordinary rmap walk finds its PTEs. A subpage left mapped (mlock) is
 * taken out of zero_map. The head is freed when the caller drops its pin. */
int thp_remap_zero_subpages(struct page *head, unsigned long *zero_map)
{
	struct rmap_walk_control rwc = { .rmap_one = map_zero_page_one };
	int freed = 0;

	for (int i = 0; i < HPAGE_PMD_NR; i++) {
		unsigned long bit = BIT(i % (8 * sizeof(long)));
		unsigned long *word = &zero_map[i / (8 * sizeof(long))];
		if (!(*word & bit))
			continue;
		rmap_walk_locked(head + i, &rwc);
		if (page_mapcount(head + i))
			*word &= ~bit;
		else
			freed++;
	}
	return freed;
}

/* --- /sys/kernel/debug/thp/bloat and shrink_underused --------------------------- */

/* "thps N zero_subpages M": the anonymous THPs now, and how many of their
 * subpages hold only zeros (each THP is read with preemption off, so that
 * it cannot be freed or split while it is looked at). */
static int bloat_show(struct seq_file *m, struct task_struct *t, void *data)
{
	unsigned long thps = 0, zero = 0;

	for (unsigned long pfn = 0; pfn + HPAGE_PMD_NR <= max_pfn; pfn += HPAGE_PMD_NR) {
		struct page *head = pfn_to_page(pfn);
		preempt_disable();
		if (PageHead(head) && PageTransHuge(head) && PageAnon(head)) {
			thps++;
			for (int i = 0; i < HPAGE_PMD_NR; i++)
				zero += zero_filled(head + i);
		}
		preempt_enable();
	}
	seq_printf(m, "thps %lu zero_subpages %lu\n", thps, zero);
	return 0;
}

static const struct pseudo_file_ops bloat_ops = { .show = bloat_show };

static int shrink_underused_show(struct seq_file *m, struct task_struct *t, void *data)
{
	return seq_printf(m, "%d\n", split_underused_thp_enabled);
}

static int shrink_underused_store(struct task_struct *t, void *data, const char *buf, size_t len)
{
	unsigned long v;

	if (kstrtoul(buf, 10, &v) || v > 1)
		return -EINVAL;
	split_underused_thp_enabled = v;
	return 0;
}

static const struct pseudo_file_ops shrink_underused_ops = {
	.show = shrink_underused_show, .store = shrink_underused_store };

void thp_bloat_init(void)
{
	sysfs_create("kernel/debug/thp/bloat", 0444, &bloat_ops, NULL);
	sysfs_create("kernel/mm/transparent_hugepage/shrink_underused", 0644, &shrink_underused_ops, NULL);
}
