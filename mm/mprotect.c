/* mprotect(2): change the permissions of a range. The VMAs are split at
 * the range's ends, get their new flags, the page-table entries are
 * rewritten in place (a whole huge PMD stays huge; a partly covered one is
 * split), and neighbours with equal flags merge again. */
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/errno.h>
#include <linux/syscalls.h>

/* Give [start, end) of vma the flags newflags. */
static int mprotect_fixup(struct mm_struct *mm, struct vm_area_struct *vma,
			  unsigned long start, unsigned long end, unsigned long newflags)
{
	if (newflags == vma->vm_flags)
		return 0;
	vma = vma_isolate_range(mm, vma, start, end);
	if (IS_ERR(vma))
		return PTR_ERR(vma);
	vma->vm_flags = newflags;
	vma_set_page_prot(vma);
	change_protection(vma, start, end, vma->vm_page_prot);
	vma_merge_neighbours(mm, vma);
	return 0;
}

int do_mprotect(unsigned long start, size_t len, unsigned long prot)
{
	struct mm_struct *mm = current->mm;
	unsigned long end, vm_flags;
	int err = 0;

	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (!len)
		return 0;
	len = PAGE_ALIGN(len);
	end = start + len;
	if (end <= start || end > TASK_SIZE)
		return -ENOMEM;
	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_GROWSDOWN | PROT_GROWSUP))
		return -EINVAL;
	if ((prot & (PROT_GROWSDOWN | PROT_GROWSUP)) == (PROT_GROWSDOWN | PROT_GROWSUP))
		return -EINVAL;
	vm_flags = ((prot & PROT_READ) ? VM_READ : 0) | ((prot & PROT_WRITE) ? VM_WRITE : 0) |
		   ((prot & PROT_EXEC) ? VM_EXEC : 0);

	mmap_write_lock(mm);
	struct vm_area_struct *vma = find_vma(mm, start);
	if (!vma || vma->vm_start > start) {
		err = -ENOMEM;
		goto out;
	}
	for (unsigned long addr = start; addr < end; ) {
		if (!vma || vma->vm_start > addr) {
			err = -ENOMEM;		/* a hole: Linux stops here */
			break;
		}
		unsigned long newflags = vm_flags | (vma->vm_flags & ~(VM_READ | VM_WRITE | VM_EXEC));
		if ((newflags & VM_WRITE) && !(newflags & VM_MAYWRITE)) {
			err = -EACCES;
			break;
		}
		if ((newflags & VM_EXEC) && !(newflags & VM_MAYEXEC)) {
			err = -EACCES;
			break;
		}
		/* private memory made writable is charged, as at mmap time */
		if ((newflags & VM_WRITE) &&
		    !(vma->vm_flags & (VM_ACCOUNT | VM_WRITE | VM_SHARED | VM_NORESERVE)))
			newflags |= VM_ACCOUNT;
		unsigned long tmp = min(vma->vm_end, end);
		err = mprotect_fixup(mm, vma, addr, tmp, newflags);
		if (err)
			break;
		addr = tmp;
		vma = find_vma(mm, addr);
	}
out:
	mmap_write_unlock(mm);
	return err;
}

long sys_mprotect(unsigned long start, size_t len, unsigned long prot)
{
	return do_mprotect(start, len, prot);
}
