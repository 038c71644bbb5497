/* Page tables of processes: allocating them, the page-fault path
 * (handle_mm_fault -> do_anonymous_page / do_wp_page, or the huge-PMD
 * paths of mm/huge_memory.c), copying them at fork (copy-on-write),
 * zapping ranges (munmap, exit, MADV_DONTNEED) and freeing tables.
 *
 * A walk goes PGD -> PUD -> PMD -> PTE; each level's entry holds the
 * physical address of the next table (pgtable.h has the index helpers).
 * A PMD entry with the PS bit maps a 2 MiB THP and has no PTE table.
 *
 * Locking: callers hold mmap_lock (read for faults, write for munmap and
 * fork); entries are changed under mm->page_table_lock, which keeps out
 * rmap walkers (THP split from reclaim) that hold no mmap_lock. */
#include <linux/mm.h>
#include <linux/rmap.h>
#include <linux/huge_mm.h>
#include <linux/shmem.h>
#include <linux/sched.h>
#include <linux/errno.h>
#include <linux/vm_reserv.h>
#include <asm/processor.h>

struct page *zero_page;

void zero_page_init(void)
{
	zero_page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	SetPageReserved(zero_page);
}

/* --- page-table pages ---------------------------------------------------- */

static struct page *pgtable_alloc(struct mm_struct *mm)
{
	struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (!page)
		return NULL;
	SetPageTable(page);
	page->pt_mm = mm;
	page->pmd_huge_pte = NULL;
	mod_node_page_state(NR_PAGETABLE, 1);
	atomic_long_add(PAGE_SIZE, &mm->pgtables_bytes);
	return page;
}

static void pgtable_free(struct mm_struct *mm, struct page *page)
{
	ClearPageTable(page);
	page->pt_mm = NULL;
	page->pmd_huge_pte = NULL;
	INIT_LIST_HEAD(&page->lru);
	mod_node_page_state(NR_PAGETABLE, -1);
	atomic_long_sub(PAGE_SIZE, &mm->pgtables_bytes);
	__free_page(page);
}

struct page *pte_alloc_one(struct mm_struct *mm) { return pgtable_alloc(mm); }
void pte_free(struct mm_struct *mm, struct page *page) { pgtable_free(mm, page); }

/* A new top-level table: the user half empty, the kernel half shared. */
pgd_t *pgd_alloc(struct mm_struct *mm)
{
	struct page *page = pgtable_alloc(mm);
	if (!page)
		return NULL;
	pgd_t *pgd = page_address(page);
	memcpy(pgd + PTRS_PER_PGD / 2, init_mm.pgd + PTRS_PER_PGD / 2,
	       PTRS_PER_PGD / 2 * sizeof(pgd_t));
	return pgd;
}

void pgd_free(struct mm_struct *mm, pgd_t *pgd)
{
	pgtable_free(mm, virt_to_page(pgd));
}

void pmd_populate(struct mm_struct *mm, pmd_t *pmd, struct page *pte_page)
{
	set_pmd(pmd, __pmd(PFN_PHYS(page_to_pfn(pte_page)) | _PAGE_TABLE));
}

/* Walk to address's PMD entry, creating the PUD and PMD tables on the way.
 * NULL when out of memory. */
pmd_t *pmd_alloc_walk(struct mm_struct *mm, unsigned long address)
{
	pgd_t *pgd = mm->pgd + pgd_index(address);
	pud_t *pud;

	if (pgd_none(*pgd)) {
		struct page *p = pgtable_alloc(mm);
		if (!p)
			return NULL;
		spin_lock(&mm->page_table_lock);
		if (pgd_none(*pgd)) {
			set_pgd(pgd, __pgd(PFN_PHYS(page_to_pfn(p)) | _PAGE_TABLE));
			p = NULL;
		}
		spin_unlock(&mm->page_table_lock);
		if (p)
			pgtable_free(mm, p);
	}
	pud = pud_offset(pgd, address);
	if (pud_none(*pud)) {
		struct page *p = pgtable_alloc(mm);
		if (!p)
			return NULL;
		p->pt_addr = address & PUD_MASK;	/* for trace lines */
		spin_lock(&mm->page_table_lock);
		if (pud_none(*pud)) {
			set_pud(pud, __pud(PFN_PHYS(page_to_pfn(p)) | _PAGE_TABLE));
			p = NULL;
		}
		spin_unlock(&mm->page_table_lock);
		if (p)
			pgtable_free(mm, p);
	}
	return pmd_offset(pud, address);
}

/* address's PMD entry if the tables down to it exist, else NULL. */
pmd_t *mm_find_pmd(struct mm_struct *mm, unsigned long address)
{
	pgd_t *pgd = mm->pgd + pgd_index(address);
	pud_t *pud;

	if (!pgd_present(*pgd))
		return NULL;
	pud = pud_offset(pgd, address);
	if (!pud_present(*pud))
		return NULL;
	return pmd_offset(pud, address);
}

/* Give an empty PMD entry a PTE table. */
int __pte_alloc(struct mm_struct *mm, pmd_t *pmd)
{
	struct page *new = pgtable_alloc(mm);
	if (!new)
		return -ENOMEM;
	spin_lock(&mm->page_table_lock);
	if (pmd_none(*pmd)) {
		pmd_populate(mm, pmd, new);
		new = NULL;
	}
	spin_unlock(&mm->page_table_lock);
	if (new)
		pgtable_free(mm, new);
	return 0;
}

/* --- TLB ------------------------------------------------------------------ */

void flush_tlb_page(struct vm_area_struct *vma, unsigned long addr)
{
	if (vma->vm_mm == current->active_mm)
		__flush_tlb_one(addr);
}

/* One invlpg per page for small ranges, a full flush for large ones; a
 * 2 MiB mapping needs one invlpg. Another mm's entries are not cached
 * (one CPU, CR3 reload on switch). */
void flush_tlb_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	if (vma->vm_mm != current->active_mm)
		return;
	if ((end - start) >> PAGE_SHIFT > 64) {
		__flush_tlb_all();
		return;
	}
	for (unsigned long a = start; a < end; a += PAGE_SIZE)
		__flush_tlb_one(a);
}

void flush_tlb_mm(struct mm_struct *mm)
{
	if (mm == current->active_mm)
		__flush_tlb_all();
}

/* --- faults ----------------------------------------------------------------- */

/* The struct page behind a PTE, or NULL for the zero page (which is never
 * counted or reverse-mapped). */
struct page *vm_normal_page(struct vm_area_struct *vma, unsigned long addr, pte_t pte)
{
	unsigned long pfn = pte_pfn(pte);
	if (is_zero_pfn(pfn) || !pfn_valid(pfn))
		return NULL;
	return pfn_to_page(pfn);
}

/* Shared anonymous memory: map the object's page. */
static int do_shared_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct mm_struct *mm = vma->vm_mm;
	struct page *page;
	pte_t entry;

	if (linear_page_index(vma, vmf->address) >= shmem_nr_pages(vma))
		return VM_FAULT_SIGBUS;		/* past the end of the object */
	page = shmem_get_page(vma, vmf->address);
	if (!page)
		return VM_FAULT_OOM;
	entry = mk_pte(page, vma->vm_page_prot);
	if ((vmf->flags & FAULT_FLAG_WRITE) && (vma->vm_flags & VM_WRITE))
		entry = pte_mkdirty(entry);
	spin_lock(&mm->page_table_lock);
	if (!pte_none(*vmf->pte)) {
		spin_unlock(&mm->page_table_lock);
		put_page(page);
		return 0;
	}
	page_dup_rmap(page, false);
	set_pte(vmf->pte, pte_mkyoung(entry));
	inc_mm_counter(mm, 1);
	spin_unlock(&mm->page_table_lock);
	return 0;
}

/* First touch of an anonymous page: a read maps the shared zero page, a
 * write gets a fresh zeroed page. */
static int do_anonymous_page(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct mm_struct *mm = vma->vm_mm;
	struct page *page;
	pte_t entry;

	/* LAB 1 BEGIN: a read fault maps the shared zero page */
	/* LAB 1 STUB
	*/
	if (!(vmf->flags & FAULT_FLAG_WRITE)) {
		entry = pfn_pte(page_to_pfn(zero_page), vma->vm_page_prot);
		entry = pte_wrprotect(pte_mkyoung(entry));
		spin_lock(&mm->page_table_lock);
		if (pte_none(*vmf->pte))
			set_pte(vmf->pte, entry);
		spin_unlock(&mm->page_table_lock);
		return 0;
	}
	/* LAB 1 END */
	if (anon_vma_prepare(vma))
		return VM_FAULT_OOM;
	bool promote = false;		/* thp_policy=reserve: see mm/vm_reserv.c */
	page = alloc_anon_page(vmf, &promote);
	if (!page)
		return VM_FAULT_OOM;
	entry = mk_pte(page, vma->vm_page_prot);
	if (vma->vm_flags & VM_WRITE)
		entry = pte_mkwrite(pte_mkdirty(entry));
	spin_lock(&mm->page_table_lock);
	if (!pte_none(*vmf->pte)) {
		spin_unlock(&mm->page_table_lock);
		put_page(page);
		return 0;
	}
	page_add_new_anon_rmap(page, vma, vmf->address, false);
	inc_mm_counter(mm, 1);
	set_pte(vmf->pte, pte_mkyoung(entry));
	spin_unlock(&mm->page_table_lock);
	if (promote)
		promote_huge_pmd(vma, vmf->pmd, vmf->address);
	return 0;
}

/*
 * A write to a present, write-protected PTE in a writable private VMA:
 * copy-on-write. If this is the page's only user, just make it writable
 * (reuse); otherwise copy it into a new page for this process. A THP
 * subpage is always copied (its head holds the whole THP's references).
 */
static int do_wp_page(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct mm_struct *mm = vma->vm_mm;
	struct page *old = vm_normal_page(vma, vmf->address, vmf->orig_pte);
	struct page *new;
	pte_t entry;

	if (old && PageAnon(old) && !PageCompound(old) && page_count(old) == 1) {
		spin_lock(&mm->page_table_lock);
		if (pte_val(*vmf->pte) == pte_val(vmf->orig_pte)) {
			entry = pte_mkyoung(pte_mkdirty(pte_mkwrite(vmf->orig_pte)));
			set_pte(vmf->pte, entry);
			flush_tlb_page(vma, vmf->address);
		}
		spin_unlock(&mm->page_table_lock);
		return 0;
	}
	if (anon_vma_prepare(vma))
		return VM_FAULT_OOM;
	bool promote = false;		/* thp_policy=reserve: see mm/vm_reserv.c */
	new = old ? alloc_page(GFP_HIGHUSER_MOVABLE) : alloc_anon_page(vmf, &promote);
	if (!new)
		return VM_FAULT_OOM;
	if (old)
		copy_user_highpage(new, old);
	entry = pte_mkyoung(pte_mkdirty(pte_mkwrite(mk_pte(new, vma->vm_page_prot))));

	spin_lock(&mm->page_table_lock);
	if (pte_val(*vmf->pte) != pte_val(vmf->orig_pte)) {
		/* someone changed it meanwhile (the fault is retried) */
		spin_unlock(&mm->page_table_lock);
		put_page(new);
		return 0;
	}
	page_add_new_anon_rmap(new, vma, vmf->address, false);
	if (old) {
		page_remove_rmap(old, vma, false);
	} else {
		inc_mm_counter(mm, 1);		/* replaced the zero page */
	}
	set_pte(vmf->pte, entry);
	flush_tlb_page(vma, vmf->address);
	spin_unlock(&mm->page_table_lock);
	if (old)
		put_page(old);
	if (promote)
		promote_huge_pmd(vma, vmf->pmd, vmf->address);
	return 0;
}

static int handle_pte_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct mm_struct *mm = vma->vm_mm;
	pte_t entry;

	if (pmd_none(*vmf->pmd) && __pte_alloc(mm, vmf->pmd))
		return VM_FAULT_OOM;
	/* a huge PMD may have appeared meanwhile (khugepaged cannot run: we
	 * hold mmap_lock; a racing fault of our own could) */
	if (pmd_trans_huge(*vmf->pmd))
		return 0;
	vmf->pte = pte_offset_map(vmf->pmd, vmf->address);
	vmf->orig_pte = *vmf->pte;

	if (pte_none(vmf->orig_pte)) {
		if (vma->vm_flags & VM_SHARED)
			return do_shared_fault(vmf);
		return do_anonymous_page(vmf);
	}
	if ((vmf->flags & FAULT_FLAG_WRITE) && !pte_write(vmf->orig_pte))
		return do_wp_page(vmf);
	/* present and allowed: the CPU had a stale TLB entry, or the accessed
	 * bit was cleared; set the bits as the hardware would */
	spin_lock(&mm->page_table_lock);
	entry = pte_mkyoung(*vmf->pte);
	if (vmf->flags & FAULT_FLAG_WRITE)
		entry = pte_mkdirty(entry);
	set_pte(vmf->pte, entry);
	flush_tlb_page(vma, vmf->address);
	spin_unlock(&mm->page_table_lock);
	return 0;
}

/*
 * Resolve a fault at address in vma (whose permissions allow the access).
 * Returns 0 or VM_FAULT_* error bits. With mmap_lock held for read.
 */
int handle_mm_fault(struct vm_area_struct *vma, unsigned long address, unsigned int flags)
{
	struct vm_fault vmf = {
		.vma = vma,
		.address = address & PAGE_MASK,
		.flags = flags,
	};

	count_vm_event(PGFAULT);
	vmf.pmd = pmd_alloc_walk(vma->vm_mm, address);
	if (!vmf.pmd)
		return VM_FAULT_OOM;

	/* thp_policy=reserve maps 4 KiB pages of a reservation instead (mm/vm_reserv.c) */
	if (pmd_none(*vmf.pmd) && thp_policy == THP_POLICY_LINUX &&
	    hugepage_vma_check(vma, vma->vm_flags, false, true, true) &&
	    transhuge_vma_suitable(vma, address)) {
		int ret = do_huge_pmd_anonymous_page(&vmf);
		if (!(ret & VM_FAULT_FALLBACK))
			return ret;
	} else {
		vmf.orig_pmd = *vmf.pmd;
		if (pmd_trans_huge(vmf.orig_pmd)) {
			if ((flags & FAULT_FLAG_WRITE) && !pmd_write(vmf.orig_pmd)) {
				int ret = do_huge_pmd_wp_page(&vmf);
				if (!(ret & VM_FAULT_FALLBACK))
					return ret;
			} else {
				huge_pmd_set_accessed(&vmf);
				return 0;
			}
		}
	}
	return handle_pte_fault(&vmf);
}

/* --- zap: remove mappings ---------------------------------------------------- */

static void zap_pte_range(struct vm_area_struct *vma, pmd_t *pmd,
			  unsigned long addr, unsigned long end)
{
	struct mm_struct *mm = vma->vm_mm;
	pte_t *pte = pte_offset_map(pmd, addr);

	spin_lock(&mm->page_table_lock);
	for (; addr < end; addr += PAGE_SIZE, pte++) {
		pte_t old = *pte;
		if (pte_none(old))
			continue;
		pte_clear(pte);
		struct page *page = vm_normal_page(vma, addr, old);
		if (!page)
			continue;
		page_remove_rmap(page, vma, false);
		dec_mm_counter(mm, 1);
		put_page(page);
	}
	spin_unlock(&mm->page_table_lock);
}

/* Remove every mapping in [start, end) of vma; the page tables stay. A huge
 * PMD is zapped whole when the range covers all of it, or split first when
 * the range covers part of it. */
void unmap_vmas(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long addr = start, next;

	while (addr < end) {
		next = min((addr & PMD_MASK) + PMD_SIZE, end);
		pmd_t *pmd = mm_find_pmd(mm, addr);
		if (!pmd) {
			/* no PMD table: skip the whole 1 GiB that would hold it */
			next = min((addr & PUD_MASK) + PUD_SIZE, end);
			addr = next;
			continue;
		}
		if (pmd_trans_huge(*pmd)) {
			if (next - addr == HPAGE_PMD_SIZE) {
				zap_huge_pmd(vma, pmd, addr);
				addr = next;
				continue;
			}
			split_huge_pmd(vma, pmd, addr);
		}
		if (!pmd_none(*pmd) && !pmd_trans_huge(*pmd))
			zap_pte_range(vma, pmd, addr, next);
		addr = next;
		cond_resched();
	}
	flush_tlb_range(vma, start, end);
}

void zap_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long size)
{
	unmap_vmas(vma, start, start + size);
}

/* --- freeing page tables ------------------------------------------------------ */

/* Are all 512 entries of a page table zero? */
bool pgtable_is_empty(const void *table)
{
	const unsigned long *t = table;
	for (int i = 0; i < 512; i++)
		if (t[i])
			return false;
	return true;
}

/* Free a table page and clear the entry pointing at it. */
static void free_table_at(struct mm_struct *mm, unsigned long *entry)
{
	struct page *pt = pfn_to_page((*entry & PTE_PFN_MASK) >> PAGE_SHIFT);

	spin_lock(&mm->page_table_lock);
	*entry = 0;
	spin_unlock(&mm->page_table_lock);
	pgtable_free(mm, pt);
}

/*
 * Free the page tables of [start, end) that map nothing any more: empty PTE
 * tables first, then PMD and PUD tables left empty. Their entries must be
 * zapped already (munmap, exit). Called with mmap_lock held for write.
 */
void free_pgtables(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	bool freed = false;

	for (unsigned long a = ALIGN_DOWN(start, PMD_SIZE); a < end; a += PMD_SIZE) {
		if (!pgd_present(mm->pgd[pgd_index(a)])) {
			a = ALIGN_DOWN(a, PGDIR_SIZE) + PGDIR_SIZE - PMD_SIZE;
			continue;
		}
		pmd_t *pmd = mm_find_pmd(mm, a);
		if (!pmd) {
			a = ALIGN_DOWN(a, PUD_SIZE) + PUD_SIZE - PMD_SIZE;
			continue;
		}
		if (pmd_none(*pmd) || pmd_trans_huge(*pmd) ||
		    !pgtable_is_empty(__va(pmd_table_phys(*pmd))))
			continue;
		free_table_at(mm, &pmd->pmd);
		freed = true;
	}
	for (unsigned long a = ALIGN_DOWN(start, PUD_SIZE); a < end; a += PUD_SIZE) {
		pgd_t *pgd = mm->pgd + pgd_index(a);
		if (!pgd_present(*pgd)) {
			a = ALIGN_DOWN(a, PGDIR_SIZE) + PGDIR_SIZE - PUD_SIZE;
			continue;
		}
		pud_t *pud = pud_offset(pgd, a);
		if (pud_present(*pud) && pgtable_is_empty(__va(pud_val(*pud) & PTE_PFN_MASK))) {
			/* an empty PMD table has no huge PMD, so no deposits */
			VM_BUG_ON(pfn_to_page(pud_val(*pud) >> PAGE_SHIFT)->pmd_huge_pte);
			free_table_at(mm, &pud->pud);
			freed = true;
		}
		if (pgtable_is_empty(__va(pgd_val(*pgd) & PTE_PFN_MASK)))
			free_table_at(mm, &pgd->pgd);
	}
	if (freed)
		flush_tlb_mm(mm);
}

/* --- fork: copy-on-write copies of the page tables ---------------------------- */

static int copy_pte_range(struct mm_struct *dst_mm, struct mm_struct *src_mm,
			  pmd_t *dst_pmd, pmd_t *src_pmd, struct vm_area_struct *vma,
			  unsigned long addr, unsigned long end)
{
	bool cow = (vma->vm_flags & (VM_SHARED | VM_MAYWRITE)) == VM_MAYWRITE;

	if (pmd_none(*dst_pmd) && __pte_alloc(dst_mm, dst_pmd))
		return -ENOMEM;
	pte_t *src = pte_offset_map(src_pmd, addr);
	pte_t *dst = pte_offset_map(dst_pmd, addr);

	spin_lock(&src_mm->page_table_lock);
	for (; addr < end; addr += PAGE_SIZE, src++, dst++) {
		pte_t pte = *src;
		if (pte_none(pte))
			continue;
		struct page *page = vm_normal_page(vma, addr, pte);
		if (cow && pte_write(pte)) {
			/* both sides read-only: the first write copies */
			pte = pte_wrprotect(pte);
			set_pte(src, pte);
		}
		if (page) {
			get_page(page);
			page_dup_rmap(page, false);
			inc_mm_counter(dst_mm, 1);
		}
		set_pte(dst, pte);
	}
	spin_unlock(&src_mm->page_table_lock);
	return 0;
}

/* Copy vma's page tables from src_mm into dst_mm (fork). Writable private
 * pages become read-only in both, so the first write copies. */
int copy_page_range(struct mm_struct *dst_mm, struct mm_struct *src_mm, struct vm_area_struct *vma)
{
	unsigned long addr = vma->vm_start, end = vma->vm_end, next;

	while (addr < end) {
		next = min((addr & PMD_MASK) + PMD_SIZE, end);
		pmd_t *src_pmd = mm_find_pmd(src_mm, addr);
		if (!src_pmd) {
			addr = min((addr & PUD_MASK) + PUD_SIZE, end);
			continue;
		}
		if (pmd_none(*src_pmd)) {
			addr = next;
			continue;
		}
		pmd_t *dst_pmd = pmd_alloc_walk(dst_mm, addr);
		if (!dst_pmd)
			return -ENOMEM;
		if (pmd_trans_huge(*src_pmd)) {
			int err = copy_huge_pmd(dst_mm, src_mm, dst_pmd, src_pmd, addr, vma);
			if (err == -EAGAIN)
				continue;	/* it was split: copy its PTEs */
			if (err)
				return err;
			addr = next;
			continue;
		}
		if (copy_pte_range(dst_mm, src_mm, dst_pmd, src_pmd, vma, addr, next))
			return -ENOMEM;
		addr = next;
	}
	flush_tlb_range(vma, vma->vm_start, vma->vm_end);
	return 0;
}

/* --- mprotect: new permissions in place ---------------------------------------- */

/* Rewrite the PTEs/PMDs of [start, end) with newprot, keeping each page and
 * its accessed/dirty bits. Private writable pages stay read-only where
 * they are shared (COW) and become writable where they are exclusive. */
void change_protection(struct vm_area_struct *vma, unsigned long start, unsigned long end,
		       pgprot_t newprot)
{
	struct mm_struct *mm = vma->vm_mm;
	bool writable = vma->vm_flags & VM_WRITE;
	unsigned long addr = start, next;

	while (addr < end) {
		next = min((addr & PMD_MASK) + PMD_SIZE, end);
		pmd_t *pmd = mm_find_pmd(mm, addr);
		if (!pmd || pmd_none(*pmd)) {
			addr = next;
			continue;
		}
		if (pmd_trans_huge(*pmd)) {
			if (next - addr == HPAGE_PMD_SIZE) {
				change_huge_pmd(vma, pmd, addr, newprot);
				addr = next;
				continue;
			}
			split_huge_pmd(vma, pmd, addr);
		}
		pte_t *pte = pte_offset_map(pmd, addr);
		spin_lock(&mm->page_table_lock);
		for (unsigned long a = addr; a < next; a += PAGE_SIZE, pte++) {
			if (pte_none(*pte))
				continue;
			pte_t entry = pte_modify(*pte, newprot);
			struct page *page = vm_normal_page(vma, a, *pte);
			if (writable && page && (pte_dirty(*pte) || (vma->vm_flags & VM_SHARED)) &&
			    ((vma->vm_flags & VM_SHARED) ||
			     (PageAnon(page) && !PageCompound(page) && page_count(page) == 1)))
				entry = pte_mkwrite(entry);
			set_pte(pte, entry);
		}
		spin_unlock(&mm->page_table_lock);
		addr = next;
	}
	flush_tlb_range(vma, start, end);
}

/* Zero nr pages starting at page, at memory speed ("rep stosq"). */
void clear_huge_page(struct page *page, unsigned int nr)
{
	unsigned long n = (unsigned long)nr * PAGE_SIZE / 8;
	void *p = page_address(page);
	__asm__ volatile("rep stosq" : "+D"(p), "+c"(n) : "a"(0UL) : "memory");
}

void copy_user_highpage(struct page *dst, struct page *src)
{
	copy_page(page_address(dst), page_address(src));
}
