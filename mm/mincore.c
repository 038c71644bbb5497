/*
 * mincore(2): which pages of a range are resident (Linux's mm/mincore.c).
 *
 * For anonymous memory "resident" means "mapped now": a present PTE (the
 * zero page counts) or a huge PMD, whose 512 subpages are all resident. An
 * empty PTE is a page never touched or given back by MADV_DONTNEED; there is
 * no swap, so nothing else can be behind it.
 */
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/rwsem.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>

/* Fill vec[0..] for [addr, end), which one VMA covers. */
static void mincore_range(struct mm_struct *mm, unsigned long addr, unsigned long end,
			  unsigned char *vec)
{
	while (addr < end) {
		unsigned long next = min((addr & PMD_MASK) + PMD_SIZE, end);
		unsigned long nr = (next - addr) >> PAGE_SHIFT;
		pmd_t *pmd = mm_find_pmd(mm, addr);

		spin_lock(&mm->page_table_lock);
		if (!pmd || pmd_none(*pmd)) {
			memset(vec, 0, nr);
		} else if (pmd_trans_huge(*pmd)) {
			memset(vec, 1, nr);
		} else {
			pte_t *pte = pte_offset_map(pmd, addr);
			for (unsigned long i = 0; i < nr; i++)
				vec[i] = pte_present(pte[i]);
		}
		spin_unlock(&mm->page_table_lock);
		vec += nr;
		addr = next;
	}
}

/* Up to pages entries for the VMA holding addr; returns how many it filled,
 * or -ENOMEM when no VMA holds addr. */
static long do_mincore(unsigned long addr, unsigned long pages, unsigned char *vec)
{
	struct vm_area_struct *vma = find_vma(current->mm, addr);
	unsigned long end;

	if (!vma || vma->vm_start > addr)
		return -ENOMEM;
	end = min(vma->vm_end, addr + (pages << PAGE_SHIFT));
	mincore_range(current->mm, addr, end, vec);
	return (end - addr) >> PAGE_SHIFT;
}

long sys_mincore(unsigned long start, size_t len, unsigned char __user *vec)
{
	unsigned long pages;
	unsigned char *tmp;
	long ret = 0;

	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (!access_ok((void __user *)start, len))
		return -ENOMEM;
	/* rounding len up this way cannot overflow */
	pages = (len >> PAGE_SHIFT) + ((len & ~PAGE_MASK) != 0);
	if (!access_ok(vec, pages))
		return -EFAULT;
	tmp = (unsigned char *)__get_free_pages(GFP_KERNEL, 0);
	if (!tmp)
		return -EAGAIN;
	/* a page of results at a time, each under the lock only while filling it */
	while (pages) {
		mmap_read_lock(current->mm);
		ret = do_mincore(start, min(pages, PAGE_SIZE), tmp);
		mmap_read_unlock(current->mm);
		if (ret <= 0)
			break;
		if (copy_to_user(vec, tmp, ret)) {
			ret = -EFAULT;
			break;
		}
		pages -= ret;
		vec += ret;
		start += ret << PAGE_SHIFT;
		ret = 0;
	}
	free_pages((unsigned long)tmp, 0);
	return ret;
}
