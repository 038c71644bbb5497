/* madvise(2): advice about a range. MADV_DONTNEED drops the pages (the next
 * touch reads zeros); MADV_HUGEPAGE / MADV_NOHUGEPAGE set the VMA flags
 * that hugepage_vma_check reads; MADV_COLLAPSE asks for huge pages now.
 * Errors as Linux: -EINVAL for bad advice or alignment, -ENOMEM if part of
 * the range is unmapped (the mapped parts are still advised). */
#include <linux/mm.h>
#include <linux/huge_mm.h>
#include <linux/sched.h>
#include <linux/errno.h>
#include <linux/syscalls.h>

static bool madvise_behavior_valid(int behavior)
{
	switch (behavior) {
	case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL: case MADV_WILLNEED:
	case MADV_DONTNEED: case MADV_DONTNEED_LOCKED: case MADV_FREE: case MADV_REMOVE:
	case MADV_DONTFORK: case MADV_DOFORK: case MADV_HUGEPAGE: case MADV_NOHUGEPAGE:
	case MADV_DONTDUMP: case MADV_DODUMP: case MADV_WIPEONFORK: case MADV_KEEPONFORK:
	case MADV_COLD: case MADV_PAGEOUT: case MADV_POPULATE_READ: case MADV_POPULATE_WRITE:
	case MADV_COLLAPSE:
		return true;
	}
	return false;
}

/* Advice that changes vm_flags: split off [start, end), set, merge back. */
static int madvise_update_vma(struct mm_struct *mm, struct vm_area_struct *vma,
			      unsigned long start, unsigned long end, unsigned long new_flags)
{
	/* LAB 2 BEGIN: the new flags cover exactly [start, end) */
	/* LAB 2 STUB
	vma->vm_flags = new_flags;
	return 0;
	*/
	if (new_flags == vma->vm_flags)
		return 0;
	vma = vma_isolate_range(mm, vma, start, end);
	if (IS_ERR(vma))
		return PTR_ERR(vma);
	vma->vm_flags = new_flags;
	vma_merge_neighbours(mm, vma);
	return 0;
	/* LAB 2 END */
}

static int madvise_vma(struct mm_struct *mm, struct vm_area_struct *vma,
		       unsigned long start, unsigned long end, int behavior)
{
	unsigned long new_flags = vma->vm_flags;

	switch (behavior) {
	case MADV_DONTNEED:
	case MADV_DONTNEED_LOCKED:
	case MADV_FREE:
		if (vma->vm_flags & (VM_PFNMAP | VM_HUGETLB))
			return -EINVAL;
		if (behavior == MADV_DONTNEED && (vma->vm_flags & VM_LOCKED))
			return -EINVAL;
		if (behavior == MADV_FREE && (vma->vm_flags & VM_SHARED))
			return -EINVAL;
		zap_page_range(vma, start, end - start);
		return 0;
	case MADV_REMOVE:
		if (!(vma->vm_flags & VM_SHARED))
			return -EINVAL;
		zap_page_range(vma, start, end - start);
		return 0;
	case MADV_WILLNEED:
	case MADV_COLD:
	case MADV_PAGEOUT:
	case MADV_POPULATE_READ:
	case MADV_POPULATE_WRITE:
		return 0;		/* anonymous memory: nothing to read ahead or page out */
	case MADV_NORMAL:
		new_flags &= ~(VM_RAND_READ | VM_SEQ_READ);
		break;
	case MADV_RANDOM:
		new_flags = (new_flags & ~VM_SEQ_READ) | VM_RAND_READ;
		break;
	case MADV_SEQUENTIAL:
		new_flags = (new_flags & ~VM_RAND_READ) | VM_SEQ_READ;
		break;
	case MADV_DONTFORK:
		new_flags |= VM_DONTCOPY;
		break;
	case MADV_DOFORK:
		new_flags &= ~VM_DONTCOPY;
		break;
	case MADV_WIPEONFORK:
		if (vma->vm_flags & VM_SHARED)
			return -EINVAL;
		new_flags |= VM_WIPEONFORK;
		break;
	case MADV_KEEPONFORK:
		new_flags &= ~VM_WIPEONFORK;
		break;
	case MADV_DONTDUMP:
		new_flags |= VM_DONTDUMP;
		break;
	case MADV_DODUMP:
		new_flags &= ~VM_DONTDUMP;
		break;
	case MADV_HUGEPAGE:
	case MADV_NOHUGEPAGE:
		hugepage_madvise(vma, &new_flags, behavior);
		break;
	case MADV_COLLAPSE:
		return madvise_collapse(vma, start, end);
	}
	return madvise_update_vma(mm, vma, start, end, new_flags);
}

long sys_madvise(unsigned long start, size_t len_in, int behavior)
{
	struct mm_struct *mm = current->mm;
	unsigned long end, len;
	int unmapped_error = 0, err = 0;

	if (!madvise_behavior_valid(behavior))
		return -EINVAL;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	len = PAGE_ALIGN(len_in);
	if (len_in && !len)
		return -EINVAL;
	end = start + len;
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	if (behavior == MADV_POPULATE_READ || behavior == MADV_POPULATE_WRITE) {
		struct vm_area_struct *v;
		mmap_read_lock(mm);
		v = find_vma(mm, start);
		bool ok = v && v->vm_start <= start;
		mmap_read_unlock(mm);
		if (!ok)
			return -ENOMEM;
		return mm_populate(start, len) ? -ENOMEM : 0;
	}

	mmap_write_lock(mm);
	struct vm_area_struct *vma = find_vma(mm, start);
	for (unsigned long addr = start; addr < end; ) {
		if (!vma || vma->vm_start >= end) {
			unmapped_error = -ENOMEM;
			break;
		}
		if (vma->vm_start > addr) {
			unmapped_error = -ENOMEM;
			addr = vma->vm_start;
		}
		unsigned long tmp = min(vma->vm_end, end);
		err = madvise_vma(mm, vma, addr, tmp, behavior);
		if (err)
			break;
		addr = tmp;
		vma = find_vma(mm, addr);
		if (addr < end && (!vma || vma->vm_start >= end))
			unmapped_error = -ENOMEM;
	}
	mmap_write_unlock(mm);
	return err ? err : unmapped_error;
}
