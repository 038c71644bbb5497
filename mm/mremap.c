/*
 * mremap(2): shrink, grow or move a mapping (Linux's mm/mremap.c, as in 6.1).
 *
 * Moving never copies data. The page-table entries move from the old
 * addresses to the new ones, and the new VMA gets the vm_pgoff that makes
 * every page's index (page->index, set when the page was first mapped) still
 * point at its new address: rmap finds each page through the same anon_vma.
 *
 * THP: a huge PMD whose whole 2 MiB moves to a 2 MiB-aligned address moves
 * as one entry with its deposited PTE table (move_huge_pmd, mm/huge_memory.c):
 * the page stays huge. If the new address is not 2 MiB aligned relative to
 * the old one, each huge PMD is split first (thp_split_pmd) and its 512 PTEs
 * move one by one: the THP is then PTE-mapped, and khugepaged may collapse
 * it again at its new place.
 */
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/huge_mm.h>
#include <linux/rmap.h>
#include <linux/sched.h>
#include <linux/errno.h>
#include <linux/rwsem.h>
#include <linux/vm_reserv.h>
#include <linux/shmem.h>

#define MREMAP_MAYMOVE		1
#define MREMAP_FIXED		2
#define MREMAP_DONTUNMAP	4

/* --- moving page-table entries -------------------------------------------- */

/* Move the PTEs of [old_addr, old_end) (inside one PTE table) to new_pmd's
 * table at new_addr. Map counts, rmap and RSS do not change: the same pages
 * are mapped once each, at another address. */
static void move_ptes(struct vm_area_struct *vma, pmd_t *old_pmd, unsigned long old_addr,
		      unsigned long old_end, pmd_t *new_pmd, unsigned long new_addr)
{
	struct mm_struct *mm = vma->vm_mm;
	pte_t *old_pte = pte_offset_map(old_pmd, old_addr);
	pte_t *new_pte = pte_offset_map(new_pmd, new_addr);
	bool moved = false;

	spin_lock(&mm->page_table_lock);
	for (unsigned long a = old_addr; a < old_end; a += PAGE_SIZE, old_pte++, new_pte++) {
		pte_t pte = *old_pte;
		if (pte_none(pte))
			continue;
		pte_clear(old_pte);
		VM_BUG_ON(!pte_none(*new_pte));
		set_pte(new_pte, pte);
		moved = true;
	}
	spin_unlock(&mm->page_table_lock);
	/* the old translations must not survive in the TLB */
	if (moved)
		flush_tlb_range(vma, old_addr, old_end);
}

/*
 * Both addresses are 2 MiB aligned and the whole PTE table moves: hand the
 * table itself over to the new PMD entry instead of moving 512 entries
 * (Linux's move_normal_pmd). False if the new PMD entry is taken.
 */
static bool move_normal_pmd(struct vm_area_struct *vma, unsigned long old_addr,
			    pmd_t *old_pmd, pmd_t *new_pmd)
{
	struct mm_struct *mm = vma->vm_mm;
	pmd_t pmd;

	spin_lock(&mm->page_table_lock);
	if (!pmd_none(*new_pmd)) {
		spin_unlock(&mm->page_table_lock);
		return false;
	}
	pmd = *old_pmd;
	pmd_clear(old_pmd);
	set_pmd(new_pmd, pmd);
	spin_unlock(&mm->page_table_lock);
	flush_tlb_range(vma, old_addr, old_addr + PMD_SIZE);
	return true;
}

/* A PTE table at pmd that maps nothing (munmap keeps tables a neighbour
 * shares) is freed, so that a huge PMD or a whole table can take its place. */
static void free_empty_pte_table(struct mm_struct *mm, pmd_t *pmd)
{
	struct page *table;

	spin_lock(&mm->page_table_lock);
	if (pmd_none(*pmd) || pmd_trans_huge(*pmd) ||
	    !pgtable_is_empty(__va(pmd_table_phys(*pmd)))) {
		spin_unlock(&mm->page_table_lock);
		return;
	}
	table = pfn_to_page(pmd_table_phys(*pmd) >> PAGE_SHIFT);
	pmd_clear(pmd);
	spin_unlock(&mm->page_table_lock);
	pte_free(mm, table);
}

/*
 * Move the mappings of [old_addr, old_addr+len) of vma to new_addr (in
 * new_vma). Returns how many bytes were moved: less than len only when a page
 * table could not be allocated. The tables are allocated before the anon_vma
 * lock is taken: an allocation may reclaim, and reclaim walks rmap.
 */
static unsigned long move_page_tables(struct vm_area_struct *vma, unsigned long old_addr,
				      unsigned long new_addr, unsigned long len)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long old_end = old_addr + len, extent, next;
	pmd_t *old_pmd, *new_pmd;
	unsigned long start = old_addr;

	for (; old_addr < old_end; old_addr += extent, new_addr += extent) {
		/* up to the next PMD boundary of both the old and the new address */
		next = (old_addr & PMD_MASK) + PMD_SIZE;
		extent = min(next, old_end) - old_addr;
		next = (new_addr & PMD_MASK) + PMD_SIZE;
		extent = min(extent, next - new_addr);

		old_pmd = mm_find_pmd(mm, old_addr);
		if (!old_pmd || pmd_none(*old_pmd))
			continue;
		new_pmd = pmd_alloc_walk(mm, new_addr);
		if (!new_pmd)
			break;
		if (extent == PMD_SIZE)
			free_empty_pte_table(mm, new_pmd);
		if (pmd_trans_huge(*old_pmd)) {
			if (extent == HPAGE_PMD_SIZE && move_huge_pmd(vma, old_addr, new_addr, old_pmd, new_pmd))
				continue;
			/* part of a THP moves, or it lands unaligned: map it by PTEs */
			split_huge_pmd(vma, old_pmd, old_addr);
		} else if (extent == PMD_SIZE && move_normal_pmd(vma, old_addr, old_pmd, new_pmd)) {
			continue;
		}
		if (pmd_none(*new_pmd) && __pte_alloc(mm, new_pmd))
			break;
		if (vma->anon_vma)
			anon_vma_lock_write(vma->anon_vma);
		move_ptes(vma, old_pmd, old_addr, old_addr + extent, new_pmd, new_addr);
		if (vma->anon_vma)
			anon_vma_unlock_write(vma->anon_vma);
		cond_resched();
	}
	return old_addr - start;
}

/* --- VMAs ---------------------------------------------------------------------- */

/*
 * A VMA for [addr, addr+len) with vma's flags and pgoff, sharing its
 * anon_vmas (Linux's copy_vma). An anonymous VMA that has no pages yet takes
 * the pgoff of its new address instead, like a fresh mmap, so that it can
 * merge with its new neighbours.
 */
static struct vm_area_struct *copy_vma(struct vm_area_struct *vma, unsigned long addr,
				       unsigned long len, unsigned long pgoff)
{
	struct mm_struct *mm = vma->vm_mm;
	struct vm_area_struct *new = vm_area_dup(vma);

	if (!new)
		return NULL;
	if (!vma->anon_vma && !(vma->vm_flags & VM_SHARED))
		pgoff = addr >> PAGE_SHIFT;
	new->vm_start = addr;
	new->vm_end = addr + len;
	new->vm_pgoff = pgoff;
	if (anon_vma_clone(new, vma) || insert_vm_struct(mm, new)) {
		unlink_anon_vmas(new);
		shmem_vma_put(new);
		vm_area_free(new);
		return NULL;
	}
	return new;
}

/* Give back what the reserve policy set aside for the old range: its pages
 * have moved away. */
static void release_reservations(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	for (unsigned long a = start & HPAGE_PMD_MASK; a < end; a += HPAGE_PMD_SIZE)
		vm_reserv_release(mm, a);
}

/*
 * Move [old_addr, old_addr+old_len) of vma to new_addr, new_len long
 * (new_len >= old_len; the part beyond old_len has no pages yet), and unmap
 * the old range unless MREMAP_DONTUNMAP: then it stays, empty (a private
 * anonymous mapping reads zeros there again).
 */
static unsigned long move_vma(struct vm_area_struct *vma, unsigned long old_addr,
			      unsigned long old_len, unsigned long new_len,
			      unsigned long new_addr, unsigned long flags)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long pgoff = vma->vm_pgoff + ((old_addr - vma->vm_start) >> PAGE_SHIFT);
	unsigned long moved;
	struct vm_area_struct *new_vma;

	if (mm->map_count >= sysctl_max_map_count - 3)
		return -ENOMEM;
	new_vma = copy_vma(vma, new_addr, new_len, pgoff);
	if (!new_vma)
		return -ENOMEM;
	moved = move_page_tables(vma, old_addr, new_addr, old_len);
	if (moved < old_len) {
		/* out of page tables: put back what moved, give up the new VMA */
		move_page_tables(new_vma, new_addr, old_addr, moved);
		do_munmap(mm, new_addr, new_len);
		return -ENOMEM;
	}
	release_reservations(mm, old_addr, old_addr + old_len);

	if (flags & MREMAP_DONTUNMAP) {
		/* the old range keeps its VMA; VM_LOCKED goes with the pages */
		vma->vm_flags &= ~VM_LOCKED;
		if (new_vma != vma && vma->vm_start == old_addr && vma->vm_end == old_addr + old_len)
			unlink_anon_vmas(vma);	/* its next pages need an anon_vma of their own */
	} else {
		do_munmap(mm, old_addr, old_len);
	}
	new_vma = vma_merge_neighbours(mm, find_vma(mm, new_addr));
	khugepaged_enter_vma(new_vma, new_vma->vm_flags);
	return new_addr;
}

/*
 * The VMA that [addr, addr+old_len) lies in, checked for growing to new_len:
 * -EFAULT if the range is not inside one VMA, -ENOMEM if the mapping would
 * pass the overcommit limit (Linux's vma_to_resize).
 */
static struct vm_area_struct *vma_to_resize(struct mm_struct *mm, unsigned long addr,
					    unsigned long old_len, unsigned long new_len,
					    unsigned long flags)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	unsigned long pgoff;

	if (!vma || vma->vm_start > addr)
		return ERR_PTR(-EFAULT);
	if ((flags & MREMAP_DONTUNMAP) && (vma->vm_flags & (VM_DONTEXPAND | VM_PFNMAP)))
		return ERR_PTR(-EINVAL);
	/* one mremap never spans two VMAs */
	if (old_len > vma->vm_end - addr)
		return ERR_PTR(-EFAULT);
	if (new_len == old_len)
		return vma;
	pgoff = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
	if (pgoff + (new_len >> PAGE_SHIFT) < pgoff)
		return ERR_PTR(-EINVAL);
	if (vma->vm_flags & (VM_DONTEXPAND | VM_PFNMAP))
		return ERR_PTR(-EFAULT);
	if ((vma->vm_flags & VM_ACCOUNT) && sysctl_overcommit_memory != OVERCOMMIT_ALWAYS &&
	    ((new_len - old_len) >> PAGE_SHIFT) > totalram_pages)
		return ERR_PTR(-ENOMEM);
	return vma;
}

/* A free range for new_len bytes: new_addr itself with MAP_FIXED semantics
 * (MREMAP_FIXED), else new_addr as a hint, else any gap. */
static unsigned long mremap_area(struct mm_struct *mm, struct vm_area_struct *vma,
				 unsigned long new_addr, unsigned long new_len, bool fixed)
{
	unsigned long flags = (vma->vm_flags & VM_MAYSHARE) ? MAP_SHARED : MAP_PRIVATE;

	if (fixed)
		return new_addr;
	return get_unmapped_area(mm, new_addr, new_len, flags);
}

/* MREMAP_FIXED or MREMAP_DONTUNMAP: the mapping goes to new_addr (or, for
 * DONTUNMAP without FIXED, where new_addr hints). */
static unsigned long mremap_to(struct mm_struct *mm, unsigned long addr, unsigned long old_len,
			       unsigned long new_addr, unsigned long new_len, unsigned long flags)
{
	struct vm_area_struct *vma;
	unsigned long ret;
	bool fixed = flags & MREMAP_FIXED;

	if (new_addr & ~PAGE_MASK)
		return -EINVAL;
	if (new_len > TASK_SIZE || new_addr > TASK_SIZE - new_len)
		return -EINVAL;
	/* the old and the new range may not overlap */
	if (addr + old_len > new_addr && new_addr + new_len > addr)
		return -EINVAL;
	if (mm->map_count + 2 >= sysctl_max_map_count - 3)
		return -ENOMEM;
	if (fixed) {
		ret = do_munmap(mm, new_addr, new_len);
		if (ret)
			return ret;
	}
	if (old_len > new_len) {
		ret = do_munmap(mm, addr + new_len, old_len - new_len);
		if (ret)
			return ret;
		old_len = new_len;
	}
	vma = vma_to_resize(mm, addr, old_len, new_len, flags);
	if (IS_ERR(vma))
		return PTR_ERR(vma);
	ret = mremap_area(mm, vma, new_addr, new_len, fixed);
	if (IS_ERR_VALUE(ret))
		return ret;
	return move_vma(vma, addr, old_len, new_len, ret, flags);
}

/* Can vma grow at its end by delta bytes without meeting the next VMA? */
static bool vma_expandable(struct vm_area_struct *vma, unsigned long delta)
{
	unsigned long end = vma->vm_end + delta;

	if (end < vma->vm_end || end > TASK_SIZE)
		return false;
	return !find_vma_intersection(vma->vm_mm, vma->vm_end, end);
}

long sys_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
		unsigned long flags, unsigned long new_addr)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	unsigned long ret, populate = 0;

	if (flags & ~(MREMAP_FIXED | MREMAP_MAYMOVE | MREMAP_DONTUNMAP))
		return -EINVAL;
	if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	if ((flags & MREMAP_DONTUNMAP) && (!(flags & MREMAP_MAYMOVE) || old_len != new_len))
		return -EINVAL;
	if (addr & ~PAGE_MASK)
		return -EINVAL;
	old_len = PAGE_ALIGN(old_len);
	new_len = PAGE_ALIGN(new_len);
	if (!new_len)
		return -EINVAL;

	mmap_write_lock(mm);
	vma = find_vma(mm, addr);
	if (!vma || vma->vm_start > addr) {
		ret = -EFAULT;
		goto out;
	}
	if (flags & (MREMAP_FIXED | MREMAP_DONTUNMAP)) {
		ret = mremap_to(mm, addr, old_len, new_addr, new_len, flags);
		goto out;
	}

	/* shrinking (or the same size) always works in place */
	if (old_len >= new_len) {
		if (old_len > new_len) {
			ret = do_munmap(mm, addr + new_len, old_len - new_len);
			if (ret)
				goto out;
		}
		ret = addr;
		goto out;
	}

	vma = vma_to_resize(mm, addr, old_len, new_len, flags);
	if (IS_ERR(vma)) {
		ret = PTR_ERR(vma);
		goto out;
	}
	/* growing: in place if the range ends the VMA and the space above is free */
	if (old_len == vma->vm_end - addr && vma_expandable(vma, new_len - old_len)) {
		vma_expand_end(mm, vma, addr + new_len);
		khugepaged_enter_vma(vma, vma->vm_flags);
		if (vma->vm_flags & VM_LOCKED)
			populate = new_len - old_len;
		new_addr = addr;
		ret = addr;
		goto out;
	}
	ret = -ENOMEM;
	if (flags & MREMAP_MAYMOVE) {
		ret = mremap_area(mm, vma, 0, new_len, false);
		if (!IS_ERR_VALUE(ret)) {
			new_addr = ret;
			if (vma->vm_flags & VM_LOCKED)
				populate = new_len - old_len;
			ret = move_vma(vma, addr, old_len, new_len, new_addr, flags);
		}
	}
out:
	mmap_write_unlock(mm);
	if (populate && !IS_ERR_VALUE(ret))
		mm_populate(new_addr + old_len, populate);
	return ret;
}
