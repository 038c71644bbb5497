/* Transparent huge pages: one PMD entry maps 2 MiB (an order-9 compound
 * page) instead of a PTE table of 512 small pages.
 *
 *  - policy: hugepage_vma_check() decides whether a VMA may use THP
 *    (the enabled knob, madvise flags, prctl);
 *  - fault: do_huge_pmd_anonymous_page() maps a fresh THP with one PMD and
 *    deposits a PTE table for it (pgtable_trans_huge_deposit), so that a
 *    later split of this mapping never needs to allocate;
 *  - fork shares the THP (copy_huge_pmd), a write then splits the writer's
 *    PMD and copies one 4 KiB page (do_huge_pmd_wp_page);
 *  - split_huge_pmd() turns one process's huge mapping into 512 PTEs (using
 *    the deposited table); the THP itself stays whole. When it ends up only
 *    partly mapped it waits on the deferred split queue until reclaim calls
 *    split_huge_page_to_list() to break it up and free the unused part.
 *
 * Locking: mmap_lock (read for faults, write for munmap/mprotect/fork) and
 * mm->page_table_lock around every change of a PMD entry. */
#include <linux/mm.h>
#include <linux/rmap.h>
#include <linux/huge_mm.h>
#include <linux/sched.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/trace.h>
#include <linux/thp_insight.h>
#include <linux/init.h>
#include <asm/processor.h>

unsigned long transparent_hugepage_flags =
	BIT(TRANSPARENT_HUGEPAGE_REQ_MADV_FLAG) |
	BIT(TRANSPARENT_HUGEPAGE_DEFRAG_REQ_MADV_FLAG) |
	BIT(TRANSPARENT_HUGEPAGE_USE_ZERO_PAGE_FLAG);

static bool thp_enabled_always(void) { return transparent_hugepage_flags & BIT(TRANSPARENT_HUGEPAGE_FLAG); }
static bool thp_enabled_madvise(void) { return transparent_hugepage_flags & BIT(TRANSPARENT_HUGEPAGE_REQ_MADV_FLAG); }

/* --- policy ------------------------------------------------------------------ */

/*
 * Why THP is not allowed for vma, or NULL if it is (the first failing
 * condition of hugepage_vma_check, for smaps' THPreason line):
 *   (1) the mode is "always", or "madvise" and the VMA has VM_HUGEPAGE;
 *   (2) the VMA has no VM_NOHUGEPAGE, the process did not disable THP with
 *       prctl, the VMA is anonymous and private (not special, not hugetlb);
 *   (3) it contains at least one 2 MiB-aligned 2 MiB range.
 */
static const char *thp_vma_reason(struct vm_area_struct *vma, unsigned long vm_flags,
				  bool enforce_sysfs)
{
	/* LAB 2 BEGIN: the conditions of hugepage_vma_check */
	/* LAB 2 STUB
	return "unimplemented";
	*/
	if ((vm_flags & VM_NOHUGEPAGE))
		return "nohugepage";
	if (vma->vm_mm && test_bit(MMF_DISABLE_THP, &vma->vm_mm->flags))
		return "prctl-disabled";
	if (vm_flags & (VM_SPECIAL | VM_HUGETLB))
		return "special";
	if (vm_flags & VM_SHARED)
		return "shared";
	if (!transhuge_vma_suitable(vma, vma->vm_end - HPAGE_PMD_SIZE) ||
	    vma->vm_end - vma->vm_start < HPAGE_PMD_SIZE)
		return "too-small";
	if (enforce_sysfs) {
		if (!thp_enabled_always() && !thp_enabled_madvise())
			return "never";
		if (!thp_enabled_always() && !(vm_flags & VM_HUGEPAGE))
			return "madvise-not-requested";
	}
	return NULL;
	/* LAB 2 END */
}

/* May vma use THP? smaps asks for display; in_pf is a page fault (which
 * may create the anon_vma); enforce_sysfs is false for MADV_COLLAPSE, which
 * ignores the enabled knob entirely, "never" included (as Linux does). */
bool hugepage_vma_check(struct vm_area_struct *vma, unsigned long vm_flags,
			bool smaps, bool in_pf, bool enforce_sysfs)
{
	if (thp_vma_reason(vma, vm_flags, enforce_sysfs))
		return false;
	/* khugepaged only looks at VMAs that have anonymous pages */
	if (!vma->anon_vma)
		return smaps || in_pf;
	return true;
}

const char *hugepage_vma_reason(struct vm_area_struct *vma)
{
	const char *r = thp_vma_reason(vma, vma->vm_flags, true);
	return r ? r : "eligible";
}

/* --- the PTE-table deposit --------------------------------------------------- */

/* The user address a PMD entry maps (from its table's pt_addr and slot). */
static unsigned long pmd_address(pmd_t *pmdp)
{
	unsigned long slot = ((unsigned long)pmdp & ~PAGE_MASK) / sizeof(pmd_t);
	return pmd_pgtable_page(pmdp)->pt_addr + (slot << PMD_SHIFT);
}

/* Keep pgtable (an empty PTE table) with the PMD table that holds pmdp, for
 * the huge PMD about to be installed there. The deposited tables of one PMD
 * table form a list headed by pmd_pgtable_page(pmdp)->pmd_huge_pte. Called
 * with page_table_lock held. */
void pgtable_trans_huge_deposit(struct mm_struct *mm, pmd_t *pmdp, pgtable_t pgtable)
{
	struct page *pmd_page = pmd_pgtable_page(pmdp);

	assert_spin_locked(&mm->page_table_lock);
	VM_BUG_ON(!pgtable_is_empty(page_address(pgtable)));
	if (!pmd_page->pmd_huge_pte)
		INIT_LIST_HEAD(&pgtable->lru);
	else
		list_add(&pgtable->lru, &pmd_page->pmd_huge_pte->lru);
	pmd_page->pmd_huge_pte = pgtable;
	mod_node_page_state(NR_PGTABLE_DEPOSITED, 1);
	trace_thp(pgtable_trans_huge_deposit, "pid=%d addr=%#lx pfn=%#lx pmd_table_pfn=%#lx",
		  current->pid, pmd_address(pmdp), page_to_pfn(pgtable), page_to_pfn(pmd_page));
}

/* Take back one deposited table (split or zap of a huge PMD of this PMD
 * table). Called with page_table_lock held. */
pgtable_t pgtable_trans_huge_withdraw(struct mm_struct *mm, pmd_t *pmdp)
{
	struct page *pmd_page = pmd_pgtable_page(pmdp);
	pgtable_t pgtable = pmd_page->pmd_huge_pte;

	assert_spin_locked(&mm->page_table_lock);
	BUG_ON(!pgtable);
	if (list_empty(&pgtable->lru))
		pmd_page->pmd_huge_pte = NULL;
	else
		pmd_page->pmd_huge_pte = list_entry(pgtable->lru.next, struct page, lru);
	list_del_init(&pgtable->lru);
	mod_node_page_state(NR_PGTABLE_DEPOSITED, -1);
	trace_thp(pgtable_trans_huge_withdraw, "pid=%d addr=%#lx pfn=%#lx pmd_table_pfn=%#lx",
		  current->pid, pmd_address(pmdp), page_to_pfn(pgtable), page_to_pfn(pmd_page));
	return pgtable;
}

/* --- building huge PMDs -------------------------------------------------------- */

pmd_t mk_huge_pmd(struct page *page, pgprot_t prot)
{
	return pmd_mkhuge(pfn_pmd(page_to_pfn(page), prot));
}

void set_pmd_at(struct mm_struct *mm, unsigned long addr, pmd_t *pmdp, pmd_t pmd)
{
	set_pmd(pmdp, pmd);
}

static pmd_t maybe_pmd_mkwrite(pmd_t pmd, struct vm_area_struct *vma)
{
	if (vma->vm_flags & VM_WRITE)
		pmd = pmd_mkwrite(pmd);
	return pmd;
}

/* The huge zero page: 2 MiB of zeros mapped read-only by read faults, so
 * that reading a huge range costs no memory (Linux's use_zero_page). */
static struct page *huge_zero_page;

struct page *mm_get_huge_zero_page(void)
{
	struct page *zp;

	if (READ_ONCE(huge_zero_page))
		return huge_zero_page;
	zp = alloc_pages(GFP_TRANSHUGE | __GFP_ZERO, HPAGE_PMD_ORDER);
	if (!zp) {
		count_vm_event(THP_ZERO_PAGE_ALLOC_FAILED);
		return NULL;
	}
	/* the allocation may sleep: another task's first read fault may have
	 * set one up meanwhile, and there must be only one (is_huge_zero_pmd) */
	preempt_disable();
	if (!huge_zero_page) {
		huge_zero_page = zp;	/* kept for good (Linux frees it under pressure) */
		zp = NULL;
	}
	preempt_enable();
	if (zp)
		put_page(zp);
	else
		count_vm_event(THP_ZERO_PAGE_ALLOC);
	return huge_zero_page;
}

bool is_huge_zero_page(struct page *page)
{
	return page && page == READ_ONCE(huge_zero_page);
}

bool is_huge_zero_pmd(pmd_t pmd)
{
	return huge_zero_page && pmd_trans_huge(pmd) && pmd_pfn(pmd) == page_to_pfn(huge_zero_page);
}

void prep_transhuge_page(struct page *page)
{
	page[1].compound_dtor = TRANSHUGE_PAGE_DTOR;
	INIT_LIST_HEAD(&page[2].deferred_list);
}

/* The gfp mask of a THP fault, from the defrag knob: whether the fault may
 * reclaim directly (stall) or only wake kswapd. */
static gfp_t vma_thp_gfp_mask(struct vm_area_struct *vma)
{
	bool madvised = vma->vm_flags & VM_HUGEPAGE;
	unsigned long f = transparent_hugepage_flags;

	if (f & BIT(TRANSPARENT_HUGEPAGE_DEFRAG_DIRECT_FLAG))
		return GFP_TRANSHUGE;
	if (f & BIT(TRANSPARENT_HUGEPAGE_DEFRAG_KSWAPD_FLAG))
		return GFP_TRANSHUGE_LIGHT | __GFP_KSWAPD_RECLAIM;
	if (f & BIT(TRANSPARENT_HUGEPAGE_DEFRAG_KSWAPD_OR_MADV_FLAG))
		return madvised ? GFP_TRANSHUGE : GFP_TRANSHUGE_LIGHT;
	if (f & BIT(TRANSPARENT_HUGEPAGE_DEFRAG_REQ_MADV_FLAG))
		return madvised ? GFP_TRANSHUGE : GFP_TRANSHUGE_LIGHT;
	return GFP_TRANSHUGE_LIGHT;
}

/*
 * A fault in an empty, THP-eligible 2 MiB range. A read maps the huge zero
 * page; a write allocates an order-9 page, zeroes it, and maps it with one
 * PMD after depositing a PTE table. Returns VM_FAULT_FALLBACK when no 2 MiB
 * block is free: the caller then maps a 4 KiB page as usual.
 */
int do_huge_pmd_anonymous_page(struct vm_fault *vmf)
{
	/* LAB 3 BEGIN: map a THP (or the huge zero page) with one PMD, depositing a PTE table */
	/* LAB 3 STUB
	return VM_FAULT_FALLBACK;
	*/
	struct vm_area_struct *vma = vmf->vma;
	struct mm_struct *mm = vma->vm_mm;
	unsigned long haddr = vmf->address & HPAGE_PMD_MASK;
	struct page *page;
	pgtable_t pgtable;
	pmd_t entry;

	if (anon_vma_prepare(vma))
		return VM_FAULT_OOM;
	khugepaged_enter_vma(vma, vma->vm_flags);

	if (!(vmf->flags & FAULT_FLAG_WRITE) &&
	    (transparent_hugepage_flags & BIT(TRANSPARENT_HUGEPAGE_USE_ZERO_PAGE_FLAG))) {
		struct page *zero = mm_get_huge_zero_page();
		if (!zero) {
			count_vm_event(THP_FAULT_FALLBACK);
			thp_event(THP_EV_FAULT_FALLBACK, thp_mm_pid(mm), haddr, 0, THP_FALLBACK_NO_ZERO_PAGE, 0);
			return VM_FAULT_FALLBACK;
		}
		pgtable = pte_alloc_one(mm);
		if (!pgtable)
			return VM_FAULT_OOM;
		spin_lock(&mm->page_table_lock);
		if (pmd_none(*vmf->pmd)) {
			pgtable_trans_huge_deposit(mm, vmf->pmd, pgtable);
			entry = pmd_wrprotect(pmd_mkyoung(mk_huge_pmd(zero, vma->vm_page_prot)));
			set_pmd_at(mm, haddr, vmf->pmd, entry);
			mod_node_page_state(NR_HUGE_ZERO_PMDS, 1);
			pgtable = NULL;
		}
		spin_unlock(&mm->page_table_lock);
		if (pgtable)
			pte_free(mm, pgtable);
		return 0;
	}

	page = alloc_pages(vma_thp_gfp_mask(vma), HPAGE_PMD_ORDER);
	if (!page) {
		count_vm_event(THP_FAULT_FALLBACK);
		thp_event(THP_EV_FAULT_FALLBACK, thp_mm_pid(mm), haddr, 0, THP_FALLBACK_NO_BLOCK, 0);
		return VM_FAULT_FALLBACK;
	}
	prep_transhuge_page(page);
	pgtable = pte_alloc_one(mm);
	if (!pgtable) {
		put_page(page);
		return VM_FAULT_OOM;
	}
	/* the main cost of a THP fault: 2 MiB of zeroing, at memory speed */
	clear_huge_page(page, HPAGE_PMD_NR);

	entry = mk_huge_pmd(page, vma->vm_page_prot);
	entry = pmd_mkyoung(maybe_pmd_mkwrite(pmd_mkdirty(entry), vma));
	spin_lock(&mm->page_table_lock);
	if (!pmd_none(*vmf->pmd)) {
		spin_unlock(&mm->page_table_lock);
		pte_free(mm, pgtable);
		put_page(page);
		return 0;
	}
	page_add_new_anon_rmap(page, vma, haddr, true);
	pgtable_trans_huge_deposit(mm, vmf->pmd, pgtable);
	set_pmd_at(mm, haddr, vmf->pmd, entry);
	inc_mm_counter(mm, HPAGE_PMD_NR);
	spin_unlock(&mm->page_table_lock);
	count_vm_event(THP_FAULT_ALLOC);
	thp_event(THP_EV_FAULT_ALLOC, thp_mm_pid(mm), haddr, page_to_pfn(page), 0, 0);
	trace_thp(do_huge_pmd_anonymous_page, "pid=%d addr=%#lx pfn=%#lx",
		  current->pid, haddr, page_to_pfn(page));
	return 0;
	/* LAB 3 END */
}

/* Access to a present huge PMD that only lacked the accessed/dirty bit. */
void huge_pmd_set_accessed(struct vm_fault *vmf)
{
	struct mm_struct *mm = vmf->vma->vm_mm;

	spin_lock(&mm->page_table_lock);
	if (pmd_val(*vmf->pmd) == pmd_val(vmf->orig_pmd)) {
		pmd_t entry = pmd_mkyoung(vmf->orig_pmd);
		if (vmf->flags & FAULT_FLAG_WRITE)
			entry = pmd_mkdirty(entry);
		set_pmd_at(mm, vmf->address, vmf->pmd, entry);
		__flush_tlb_one(vmf->address & HPAGE_PMD_MASK);
	}
	spin_unlock(&mm->page_table_lock);
}

/*
 * A write to a write-protected huge PMD (after fork, or the huge zero page).
 * If this mapping is the THP's only user, make it writable again (reuse).
 * Otherwise split this process's PMD and let the 4 KiB fault path copy just
 * the page being written: what Linux does since 5.8, instead of copying
 * 2 MiB. The other processes keep their huge mapping.
 */
int do_huge_pmd_wp_page(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct mm_struct *mm = vma->vm_mm;
	pmd_t orig = vmf->orig_pmd;

	if (!is_huge_zero_pmd(orig)) {
		struct page *page = pmd_page(orig);
		spin_lock(&mm->page_table_lock);
		if (pmd_val(*vmf->pmd) != pmd_val(orig)) {
			spin_unlock(&mm->page_table_lock);
			return 0;
		}
		if (PageAnon(page) && page_count(page) == 1) {
			pmd_t entry = pmd_mkyoung(pmd_mkdirty(orig));
			set_pmd_at(mm, vmf->address, vmf->pmd, maybe_pmd_mkwrite(entry, vma));
			__flush_tlb_one(vmf->address & HPAGE_PMD_MASK);
			spin_unlock(&mm->page_table_lock);
			return 0;
		}
		spin_unlock(&mm->page_table_lock);
	}
	split_huge_pmd(vma, vmf->pmd, vmf->address);
	return VM_FAULT_FALLBACK;
}

/* fork: the child maps the same THP with its own huge PMD (and its own
 * deposited table); both PMDs become read-only, so the first write in
 * either process goes through do_huge_pmd_wp_page. Returns -EAGAIN if the
 * source PMD is no longer huge. */
int copy_huge_pmd(struct mm_struct *dst_mm, struct mm_struct *src_mm, pmd_t *dst_pmd,
		  pmd_t *src_pmd, unsigned long addr, struct vm_area_struct *vma)
{
	/* LAB 3 BEGIN: the child maps the same THP, with its own deposited table */
	/* LAB 3 STUB
	split_huge_pmd(vma, src_pmd, addr);
	return -EAGAIN;
	*/
	pgtable_t pgtable = pte_alloc_one(dst_mm);
	pmd_t pmd;

	if (!pgtable)
		return -ENOMEM;
	spin_lock(&src_mm->page_table_lock);
	pmd = *src_pmd;
	if (!pmd_trans_huge(pmd)) {
		spin_unlock(&src_mm->page_table_lock);
		pte_free(dst_mm, pgtable);
		return -EAGAIN;
	}
	if (!is_huge_zero_pmd(pmd)) {
		struct page *page = pmd_page(pmd);
		get_page(page);
		page_dup_rmap(page, true);
		inc_mm_counter(dst_mm, HPAGE_PMD_NR);
		pmd = pmd_wrprotect(pmd);
		set_pmd_at(src_mm, addr, src_pmd, pmd);
		trace_thp(copy_huge_pmd, "pid=%d addr=%#lx pfn=%#lx", current->pid,
			  addr & HPAGE_PMD_MASK, page_to_pfn(page));
	} else {
		mod_node_page_state(NR_HUGE_ZERO_PMDS, 1);
	}
	/* dst_mm is not running yet: its table needs no lock of its own */
	spin_lock(&dst_mm->page_table_lock);
	pgtable_trans_huge_deposit(dst_mm, dst_pmd, pgtable);
	set_pmd_at(dst_mm, addr, dst_pmd, pmd_mkold(pmd));
	spin_unlock(&dst_mm->page_table_lock);
	spin_unlock(&src_mm->page_table_lock);
	return 0;
	/* LAB 3 END */
}

/* Remove a whole huge PMD mapping: withdraw and free its deposited table,
 * drop the THP's map count and reference (the last one frees it). */
void zap_huge_pmd(struct vm_area_struct *vma, pmd_t *pmd, unsigned long addr)
{
	struct mm_struct *mm = vma->vm_mm;
	pgtable_t pgtable;
	pmd_t orig;

	spin_lock(&mm->page_table_lock);
	orig = *pmd;
	if (!pmd_trans_huge(orig)) {
		spin_unlock(&mm->page_table_lock);
		return;
	}
	pmd_clear(pmd);
	pgtable = pgtable_trans_huge_withdraw(mm, pmd);
	if (!is_huge_zero_pmd(orig)) {
		struct page *page = pmd_page(orig);
		trace_thp(zap_huge_pmd, "pid=%d addr=%#lx pfn=%#lx", current->pid,
			  addr & HPAGE_PMD_MASK, page_to_pfn(page));
		page_remove_rmap(page, vma, true);
		dec_mm_counter(mm, HPAGE_PMD_NR);
		spin_unlock(&mm->page_table_lock);
		put_page(page);
	} else {
		mod_node_page_state(NR_HUGE_ZERO_PMDS, -1);
		spin_unlock(&mm->page_table_lock);
	}
	pte_free(mm, pgtable);
	flush_tlb_page(vma, addr & HPAGE_PMD_MASK);
}

/*
 * mremap of a whole huge PMD to a 2 MiB-aligned address: the entry moves and
 * the page stays huge; no map count, reference or RSS changes. The deposited
 * PTE table goes with it, to the PMD table that now holds the huge PMD (each
 * PMD table keeps the deposits of its own huge PMDs). False when the new
 * entry is in use: the caller splits and moves PTEs instead.
 */
bool move_huge_pmd(struct vm_area_struct *vma, unsigned long old_addr, unsigned long new_addr,
		   pmd_t *old_pmd, pmd_t *new_pmd)
{
	struct mm_struct *mm = vma->vm_mm;
	pgtable_t pgtable;
	pmd_t pmd;

	spin_lock(&mm->page_table_lock);
	if (!pmd_none(*new_pmd) || !pmd_trans_huge(*old_pmd)) {
		spin_unlock(&mm->page_table_lock);
		return false;
	}
	pmd = *old_pmd;
	pmd_clear(old_pmd);
	pgtable = pgtable_trans_huge_withdraw(mm, old_pmd);
	pgtable_trans_huge_deposit(mm, new_pmd, pgtable);
	set_pmd_at(mm, new_addr, new_pmd, pmd);
	trace_thp(move_huge_pmd, "pid=%d old_addr=%#lx new_addr=%#lx pfn=%#lx", current->pid,
		  old_addr, new_addr, pmd_pfn(pmd));
	spin_unlock(&mm->page_table_lock);
	flush_tlb_page(vma, old_addr);
	return true;
}

/* mprotect of a whole huge PMD: new permissions in place, no split. */
void change_huge_pmd(struct vm_area_struct *vma, pmd_t *pmd, unsigned long addr, pgprot_t newprot)
{
	struct mm_struct *mm = vma->vm_mm;

	spin_lock(&mm->page_table_lock);
	if (pmd_trans_huge(*pmd)) {
		pmd_t entry = pmd_modify(*pmd, newprot);
		if ((vma->vm_flags & VM_WRITE) && !is_huge_zero_pmd(entry) &&
		    pmd_dirty(entry) && page_count(pmd_page(entry)) == 1)
			entry = pmd_mkwrite(entry);
		set_pmd_at(mm, addr, pmd, entry);
	}
	spin_unlock(&mm->page_table_lock);
	flush_tlb_page(vma, addr & HPAGE_PMD_MASK);
}

/* --- split_huge_pmd: one process's mapping, not the page ------------------- */

/* A huge zero page mapping becomes 512 read-only PTEs of the small zero page. */
static void __split_huge_zero_page_pmd(struct vm_area_struct *vma, pmd_t *pmd, unsigned long haddr)
{
	struct mm_struct *mm = vma->vm_mm;
	pgtable_t pgtable = pgtable_trans_huge_withdraw(mm, pmd);
	pte_t *pte = page_address(pgtable);

	for (int i = 0; i < HPAGE_PMD_NR; i++)
		set_pte(&pte[i], pte_wrprotect(pfn_pte(page_to_pfn(zero_page), vma->vm_page_prot)));
	pmd_populate(mm, pmd, pgtable);
}

/*
 * Replace the huge PMD at pmd (mapping haddr..haddr+2 MiB) by the PTE table
 * deposited for it, filled with 512 entries that map the THP's subpages
 * with the PMD's permissions and accessed/dirty bits. The mapping's one
 * compound map count becomes 512 subpage map counts (and 512 references).
 * Called with page_table_lock held; the caller flushes the TLB.
 */
void __split_huge_pmd_locked(struct vm_area_struct *vma, pmd_t *pmd, unsigned long haddr)
{
	struct mm_struct *mm = vma->vm_mm;
	pmd_t old = *pmd;
	pgtable_t pgtable;
	struct page *page;
	pte_t *pte;
	u64 t0 = ktime_get_ns();

	assert_spin_locked(&mm->page_table_lock);
	count_vm_event(THP_SPLIT_PMD);
	thp_event(THP_EV_SPLIT_PMD, thp_mm_pid(mm), haddr, pmd_pfn(old), is_huge_zero_pmd(old), 0);
	/* the PMD goes away before the PTEs appear (Linux: pmdp_invalidate) */
	pmd_clear(pmd);
	__flush_tlb_one(haddr);
	if (is_huge_zero_pmd(old)) {
		mod_node_page_state(NR_HUGE_ZERO_PMDS, -1);
		__split_huge_zero_page_pmd(vma, pmd, haddr);
		thp_latency_add(THP_LAT_SPLIT_PMD, t0);
		return;
	}
	page = pmd_page(old);
	trace_thp(split_huge_pmd, "pid=%d addr=%#lx pfn=%#lx", current->pid, haddr, page_to_pfn(page));

	/* LAB 5 BEGIN: 512 PTEs in the deposited table take over from the huge PMD */
	/* LAB 5 STUB
	pgtable = pgtable_trans_huge_withdraw(mm, pmd);
	pmd_populate(mm, pmd, pgtable);
	page_remove_rmap(page, vma, true);
	dec_mm_counter(mm, HPAGE_PMD_NR);
	put_page(page);
	*/
	page_ref_add(page, HPAGE_PMD_NR - 1);
	pgtable = pgtable_trans_huge_withdraw(mm, pmd);
	pte = page_address(pgtable);
	for (int i = 0; i < HPAGE_PMD_NR; i++) {
		pte_t entry = mk_pte(page + i, pmd_protnone(old) ? vma->vm_page_prot :
				     __pgprot(pmd_val(old) & PTE_FLAGS_MASK & ~_PAGE_PSE));
		entry = pmd_write(old) ? pte_mkwrite(entry) : pte_wrprotect(entry);
		entry = pmd_young(old) ? pte_mkyoung(entry) : pte_mkold(entry);
		if (pmd_dirty(old))
			entry = pte_mkdirty(entry);
		atomic_inc(&page[i]._mapcount);
		set_pte(&pte[i], entry);
	}
	page_remove_rmap(page, vma, true);
	pmd_populate(mm, pmd, pgtable);
	/* LAB 5 END */
	thp_latency_add(THP_LAT_SPLIT_PMD, t0);
}

/* Split the huge PMD mapping address in vma, if it is one. Only this
 * process's page table changes: others mapping the same THP keep theirs. */
void split_huge_pmd(struct vm_area_struct *vma, pmd_t *pmd, unsigned long address)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long haddr = address & HPAGE_PMD_MASK;

	spin_lock(&mm->page_table_lock);
	if (pmd_trans_huge(*pmd))
		__split_huge_pmd_locked(vma, pmd, haddr);
	spin_unlock(&mm->page_table_lock);
	flush_tlb_range(vma, haddr, haddr + HPAGE_PMD_SIZE);
}

void split_huge_pmd_address(struct vm_area_struct *vma, unsigned long address)
{
	pmd_t *pmd = mm_find_pmd(vma->vm_mm, address);
	if (pmd && pmd_trans_huge(*pmd))
		split_huge_pmd(vma, pmd, address);
}

/* A VMA is about to be split at addr: a huge PMD across addr must be split
 * first (a 2 MiB mapping cannot belong to two VMAs). */
void vma_adjust_trans_huge(struct vm_area_struct *vma, unsigned long addr)
{
	if (addr & ~HPAGE_PMD_MASK && transhuge_vma_suitable(vma, addr))
		split_huge_pmd_address(vma, addr);
}

/* --- madvise(MADV_HUGEPAGE / MADV_NOHUGEPAGE) ------------------------------- */

int hugepage_madvise(struct vm_area_struct *vma, unsigned long *vm_flags, int advice)
{
	/* LAB 2 BEGIN: MADV_HUGEPAGE and MADV_NOHUGEPAGE set the VMA flags */
	/* LAB 2 STUB
	return 0;
	*/
	if (advice == MADV_HUGEPAGE) {
		*vm_flags &= ~VM_NOHUGEPAGE;
		*vm_flags |= VM_HUGEPAGE;
		/* register now, so khugepaged finds ranges populated earlier */
		khugepaged_enter_vma(vma, *vm_flags);
	} else {
		*vm_flags &= ~VM_HUGEPAGE;
		*vm_flags |= VM_NOHUGEPAGE;
	}
	return 0;
	/* LAB 2 END */
}

/* --- the deferred split queue ------------------------------------------------ */

/* THPs that are mapped only in part: reclaim splits them (deferred_split_scan)
 * and frees their unmapped subpages. A THP is on it at most once; linked
 * through its second tail page's deferred_list. */
static LIST_HEAD(split_queue);
static unsigned long split_queue_len;
static DEFINE_SPINLOCK(split_queue_lock);

/* Queue page (once); count the event unless it is a retry of a failed split. */
static void __deferred_split_add(struct page *page, bool count)
{
	/* LAB 5 BEGIN: put the THP on the deferred split queue, once */
	/* LAB 5 STUB
	*/
	unsigned long flags;

	VM_BUG_ON(!PageTransHuge(page));
	spin_lock_irqsave(&split_queue_lock, flags);
	if (list_empty(&page[2].deferred_list)) {
		if (count)
			count_vm_event(THP_DEFERRED_SPLIT_PAGE);
		list_add_tail(&page[2].deferred_list, &split_queue);
		split_queue_len++;
		trace_thp(deferred_split_huge_page, "pfn=%#lx queue_len=%lu",
			  page_to_pfn(page), split_queue_len);
		thp_event(THP_EV_DEFERRED_ADD, current->pid, 0, page_to_pfn(page), split_queue_len, 0);
	}
	spin_unlock_irqrestore(&split_queue_lock, flags);
	/* LAB 5 END */
}

void deferred_split_huge_page(struct page *page)
{
	__deferred_split_add(page, true);
}

/* The THP is being freed whole (compound destructor): leave the queue. */
void free_transhuge_page(struct page *page)
{
	unsigned long flags;

	spin_lock_irqsave(&split_queue_lock, flags);
	if (!list_empty(&page[2].deferred_list)) {
		list_del_init(&page[2].deferred_list);
		split_queue_len--;
		thp_event(THP_EV_DEFERRED_REMOVE, -1, 0, page_to_pfn(page), THP_DEQUEUE_FREED, 0);
	}
	spin_unlock_irqrestore(&split_queue_lock, flags);
	page[1].compound_dtor = 0;
}

unsigned long deferred_split_count(void)
{
	return READ_ONCE(split_queue_len);
}

bool page_on_deferred_split_queue(struct page *head)
{
	return PageTransHuge(head) && !list_empty(&head[2].deferred_list);
}

/* --- split_huge_page: the page itself --------------------------------------- */

/* rmap_one for the unmap step: split this mapping's huge PMD if it maps head. */
static bool split_pmd_mapping(struct page *head, struct vm_area_struct *vma,
			      unsigned long addr, void *arg)
{
	struct mm_struct *mm = vma->vm_mm;
	pmd_t *pmd;

	if (addr & ~HPAGE_PMD_MASK)
		return true;
	spin_lock(&mm->page_table_lock);
	pmd = mm_find_pmd(mm, addr);
	if (pmd && pmd_trans_huge(*pmd) && pmd_page(*pmd) == head) {
		__split_huge_pmd_locked(vma, pmd, addr);
		(*(int *)arg)++;
	}
	spin_unlock(&mm->page_table_lock);
	flush_tlb_range(vma, addr, addr + HPAGE_PMD_SIZE);
	return true;
}

/* Turn the compound page into 512 independent pages. No PMD maps it any
 * more; each subpage keeps its PTE mappings, so its _refcount becomes its
 * map count plus one (dropped below, freeing the subpages nobody maps). */
static void __split_huge_page(struct page *head)
{
	struct anon_vma *av_mapping = head->mapping;
	unsigned long index = head->index;

	free_transhuge_page(head);		/* off the deferred split queue */
	for (int i = HPAGE_PMD_NR - 1; i >= 1; i--) {
		struct page *tail = head + i;
		tail->compound_head = 0;
		INIT_LIST_HEAD(&tail->lru);
		tail->mapping = av_mapping;
		tail->index = index + i;
		tail->private = 0;
		tail->flags = head->flags & (BIT(PG_swapbacked) | BIT(PG_dirty) | BIT(PG_referenced));
		set_page_count(tail, atomic_read(&tail->_mapcount) + 1 + 1);
	}
	ClearPageHead(head);
	/* head: its PTE maps, the caller's pin, and the split's own reference */
	set_page_count(head, atomic_read(&head->_mapcount) + 1 + 2);
	for (int i = 0; i < HPAGE_PMD_NR; i++)
		put_page(head + i);
}

/*
 * Split a THP into 512 order-0 pages (reclaim of a partly mapped THP).
 * The caller holds a reference (pin) on head. First every huge PMD mapping
 * it, in any process, is split (through rmap, with the deposited tables, so
 * nothing is allocated); then the compound page is dissolved and every
 * subpage that no process maps is freed. Fails with -EBUSY, changing
 * nothing, if someone else holds references (the counts do not add up).
 * With zero_map (512 bits; the split of an underused THP), the subpages
 * that are still mapped but hold only zeros are then mapped to the shared
 * zero page and freed too, and zero_map tells which (Linux 6.12).
 */
static int __split_huge_page_to_list(struct page *page, struct list_head *list,
				     unsigned long *zero_map)
{
	/* LAB 5 BEGIN: split every huge PMD of the THP, then the THP itself */
	/* LAB 5 STUB
	return -EBUSY;
	*/
	struct page *head = compound_head(page);
	struct anon_vma *av = NULL;
	int split_pmds = 0;
	u64 t0 = ktime_get_ns();

	if (!PageTransHuge(head))
		return -EBUSY;
	/* Pin the anon_vma before sleeping on its lock: while the page is
	 * mapped, the chains of the VMAs mapping it keep it alive, and with
	 * preemption off nobody can unmap it under us (Linux: page_get_anon_vma). */
	preempt_disable();
	if (page_mapped(head) && page_anon_vma(head)) {
		av = page_anon_vma(head);
		get_anon_vma(av);
	}
	preempt_enable();
	if (!av)
		return -EBUSY;
	anon_vma_lock_write(av);
	preempt_disable();
	/* every mapping holds one reference: anything more is a pin */
	if (page_count(head) != total_mapcount(head) + 1) {
		preempt_enable();
		anon_vma_unlock_write(av);
		put_anon_vma(av);
		count_vm_event(THP_SPLIT_PAGE_FAILED);
		return -EBUSY;
	}
	struct rmap_walk_control rwc = { .arg = &split_pmds, .rmap_one = split_pmd_mapping };
	if (compound_mapcount(head))
		rmap_walk_locked(head, &rwc);
	unsigned long pfn = page_to_pfn(head);
	bool remap = zero_map && thp_find_zero_subpages(head, zero_map);
	__split_huge_page(head);
	if (remap)
		thp_remap_zero_subpages(head, zero_map);
	preempt_enable();
	anon_vma_unlock_write(av);
	put_anon_vma(av);
	count_vm_event(THP_SPLIT_PAGE);
	thp_latency_add(THP_LAT_SPLIT_PAGE, t0);
	thp_event(THP_EV_SPLIT_PAGE, -1, 0, pfn, split_pmds, ktime_get_ns() - t0);
	trace_thp(split_huge_page, "pfn=%#lx pmds_split=%d ns=%lu", pfn, split_pmds,
		  (unsigned long)(ktime_get_ns() - t0));
	return 0;
	/* LAB 5 END */
}

int split_huge_page_to_list(struct page *page, struct list_head *list)
{
	return __split_huge_page_to_list(page, list, NULL);
}

/* Split an underused THP (mm/thp_bloat.c): as split_huge_page, and then
 * every subpage still mapped but holding only zeros is mapped to the shared
 * zero page instead and freed. The caller holds a pin on head. Returns the
 * number of subpages freed that way, or -EBUSY. */
int split_underused_thp(struct page *head)
{
	unsigned long zero_map[THP_ZERO_MAP_LONGS] = { 0 };
	int freed = 0;

	if (__split_huge_page_to_list(head, NULL, zero_map))
		return -EBUSY;
	for (int i = 0; i < HPAGE_PMD_NR; i++)
		freed += test_bit(i % (8 * sizeof(long)), &zero_map[i / (8 * sizeof(long))]);
	return freed;
}

/*
 * The deferred split shrinker: split up to nr_to_scan queued THPs, freeing
 * their unmapped subpages. Returns how many THPs were split.
 */
unsigned long deferred_split_scan(unsigned long nr_to_scan)
{
	unsigned long flags, split = 0;

	while (nr_to_scan--) {
		struct page *head = NULL;
		spin_lock_irqsave(&split_queue_lock, flags);
		if (!list_empty(&split_queue)) {
			struct page *second = list_first_entry(&split_queue, struct page, deferred_list);
			head = second - 2;
			list_del_init(&second->deferred_list);
			split_queue_len--;
			thp_event(THP_EV_DEFERRED_REMOVE, -1, 0, page_to_pfn(head), THP_DEQUEUE_SHRINKER, 0);
			/* pin it, unless it is being freed right now */
			if (page_ref_count(head) == 0)
				head = NULL;
			else
				get_page(head);
		}
		spin_unlock_irqrestore(&split_queue_lock, flags);
		if (!head) {
			if (!deferred_split_count())
				break;
			continue;
		}
		if (!split_huge_page(head))
			split++;
		else if (PageTransHuge(head))
			__deferred_split_add(head, false);	/* try again later */
		put_page(head);
		trace_thp(mm_shrink_deferred_split, "split=%lu left=%lu", split, deferred_split_count());
	}
	return split;
}

/* --- /sys/kernel/mm/transparent_hugepage/ ------------------------------------ */

static const char *const thp_modes[] = { "always", "madvise", "never" };

/* Switch the global mode: "always", "madvise" or "never" (a trailing
 * newline is fine, anything else is -EINVAL and changes nothing). */
int thp_set_mode(const char *mode)
{
	size_t len = strlen(mode);
	if (len && mode[len - 1] == '\n')
		len--;
	for (int i = 0; i < 3; i++) {
		if (strlen(thp_modes[i]) != len || strncmp(mode, thp_modes[i], len))
			continue;
		transparent_hugepage_flags &= ~(BIT(TRANSPARENT_HUGEPAGE_FLAG) |
						BIT(TRANSPARENT_HUGEPAGE_REQ_MADV_FLAG));
		if (i == 0)
			transparent_hugepage_flags |= BIT(TRANSPARENT_HUGEPAGE_FLAG);
		else if (i == 1)
			transparent_hugepage_flags |= BIT(TRANSPARENT_HUGEPAGE_REQ_MADV_FLAG);
		if (i != 2)
			khugepaged_start_if_needed();
		return 0;
	}
	return -EINVAL;
}

static int enabled_show(struct seq_file *m, struct task_struct *t, void *data)
{
	int cur = thp_enabled_always() ? 0 : thp_enabled_madvise() ? 1 : 2;
	for (int i = 0; i < 3; i++)
		seq_printf(m, i == cur ? "[%s]%s" : "%s%s", thp_modes[i], i < 2 ? " " : "\n");
	return 0;
}

static int enabled_store(struct task_struct *t, void *data, const char *buf, size_t len)
{
	return thp_set_mode(buf);
}

static const struct pseudo_file_ops enabled_ops = { .show = enabled_show, .store = enabled_store };

/* defrag: when a THP allocation may stall to reclaim. Kept and reported as
 * Linux does; this kernel has no compaction, so only reclaim is affected. */
static const char *const defrag_modes[] = { "always", "defer", "defer+madvise", "madvise", "never" };
static const int defrag_flags[] = {
	TRANSPARENT_HUGEPAGE_DEFRAG_DIRECT_FLAG, TRANSPARENT_HUGEPAGE_DEFRAG_KSWAPD_FLAG,
	TRANSPARENT_HUGEPAGE_DEFRAG_KSWAPD_OR_MADV_FLAG, TRANSPARENT_HUGEPAGE_DEFRAG_REQ_MADV_FLAG, -1,
};

static int defrag_show(struct seq_file *m, struct task_struct *t, void *data)
{
	int cur = 4;
	for (int i = 0; i < 4; i++)
		if (transparent_hugepage_flags & BIT(defrag_flags[i]))
			cur = i;
	for (int i = 0; i < 5; i++)
		seq_printf(m, i == cur ? "[%s]%s" : "%s%s", defrag_modes[i], i < 4 ? " " : "\n");
	return 0;
}

static int defrag_store(struct task_struct *t, void *data, const char *buf, size_t len)
{
	size_t n = strlen(buf);
	if (n && buf[n - 1] == '\n')
		n--;
	for (int i = 0; i < 5; i++) {
		if (strlen(defrag_modes[i]) != n || strncmp(buf, defrag_modes[i], n))
			continue;
		for (int j = 0; j < 4; j++)
			transparent_hugepage_flags &= ~BIT(defrag_flags[j]);
		if (defrag_flags[i] >= 0)
			transparent_hugepage_flags |= BIT(defrag_flags[i]);
		return 0;
	}
	return -EINVAL;
}

static const struct pseudo_file_ops defrag_ops = { .show = defrag_show, .store = defrag_store };

static int use_zero_page_show(struct seq_file *m, struct task_struct *t, void *data)
{
	return seq_printf(m, "%d\n", !!(transparent_hugepage_flags & BIT(TRANSPARENT_HUGEPAGE_USE_ZERO_PAGE_FLAG)));
}

static int use_zero_page_store(struct task_struct *t, void *data, const char *buf, size_t len)
{
	unsigned long v;
	if (kstrtoul(buf, 10, &v) || v > 1)
		return -EINVAL;
	if (v)
		transparent_hugepage_flags |= BIT(TRANSPARENT_HUGEPAGE_USE_ZERO_PAGE_FLAG);
	else
		transparent_hugepage_flags &= ~BIT(TRANSPARENT_HUGEPAGE_USE_ZERO_PAGE_FLAG);
	return 0;
}

static const struct pseudo_file_ops use_zero_page_ops = { .show = use_zero_page_show, .store = use_zero_page_store };

static int hpage_pmd_size_show(struct seq_file *m, struct task_struct *t, void *data)
{
	return seq_printf(m, "%lu\n", HPAGE_PMD_SIZE);
}

static const struct pseudo_file_ops hpage_pmd_size_ops = { .show = hpage_pmd_size_show };

static int shmem_enabled_show(struct seq_file *m, struct task_struct *t, void *data)
{
	return seq_puts(m, "always within_size advise [never] deny force\n");
}

static const struct pseudo_file_ops shmem_enabled_ops = { .show = shmem_enabled_show };

void hugepage_init(void)
{
	sysfs_create("kernel/mm/transparent_hugepage/enabled", 0644, &enabled_ops, NULL);
	sysfs_create("kernel/mm/transparent_hugepage/defrag", 0644, &defrag_ops, NULL);
	sysfs_create("kernel/mm/transparent_hugepage/use_zero_page", 0644, &use_zero_page_ops, NULL);
	sysfs_create("kernel/mm/transparent_hugepage/hpage_pmd_size", 0444, &hpage_pmd_size_ops, NULL);
	sysfs_create("kernel/mm/transparent_hugepage/shmem_enabled", 0444, &shmem_enabled_ops, NULL);
	split_huge_pages_init();
}
