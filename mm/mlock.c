/*
 * mlock(2), mlock2, munlock, mlockall, munlockall (Linux's mm/mlock.c).
 *
 * A locked VMA (VM_LOCKED, "lo" in smaps VmFlags, Locked: and VmLck) has its
 * pages faulted in at once, huge pages included, and keeps them: MADV_DONTNEED
 * refuses it, and the underused-THP splitter leaves it alone. With no swap
 * here nothing is ever paged out anyway; what mlock changes is that every
 * page is there from the start. MLOCK_ONFAULT / MCL_ONFAULT lock pages only
 * as they fault in (VM_LOCKONFAULT). mlockall(MCL_FUTURE) makes every later
 * mapping locked (mm->def_flags). Locks are not inherited across fork.
 * There is no RLIMIT_MEMLOCK check: every process here runs as root, which
 * Linux exempts too (CAP_IPC_LOCK).
 */
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/rwsem.h>
#include <linux/errno.h>
#include <linux/syscalls.h>

#define MLOCK_ONFAULT	0x01
#define MCL_CURRENT	1
#define MCL_FUTURE	2
#define MCL_ONFAULT	4
#define VM_LOCKED_MASK	(VM_LOCKED | VM_LOCKONFAULT)

/* Give [start, end) of vma the lock flags (splitting and merging as needed). */
static int mlock_fixup(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long start,
		       unsigned long end, unsigned long lock_flags)
{
	unsigned long new_flags = (vma->vm_flags & ~VM_LOCKED_MASK) | lock_flags;

	/* special mappings are never locked (Linux: VM_SPECIAL) */
	if (new_flags == vma->vm_flags || (vma->vm_flags & VM_SPECIAL))
		return 0;
	vma = vma_isolate_range(mm, vma, start, end);
	if (IS_ERR(vma))
		return PTR_ERR(vma);
	vma->vm_flags = new_flags;
	vma_merge_neighbours(mm, vma);
	return 0;
}

/* Set the lock flags on [start, start+len), which VMAs must cover without a
 * hole (-ENOMEM otherwise, as Linux's apply_vma_lock_flags). */
static int apply_vma_lock_flags(struct mm_struct *mm, unsigned long start, size_t len,
				unsigned long lock_flags)
{
	unsigned long end = start + len, addr = start;

	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	while (addr < end) {
		struct vm_area_struct *vma = find_vma(mm, addr);
		unsigned long next;
		int err;

		if (!vma || vma->vm_start > addr)
			return -ENOMEM;
		next = min(vma->vm_end, end);
		err = mlock_fixup(mm, vma, addr, next, lock_flags);
		if (err)
			return err;
		addr = next;
	}
	return 0;
}

static long do_mlock(unsigned long start, size_t len, unsigned long lock_flags)
{
	struct mm_struct *mm = current->mm;
	long err;

	len = PAGE_ALIGN(len + (start & ~PAGE_MASK));
	start &= PAGE_MASK;
	mmap_write_lock(mm);
	err = apply_vma_lock_flags(mm, start, len, lock_flags);
	mmap_write_unlock(mm);
	if (err || !(lock_flags & VM_LOCKED) || (lock_flags & VM_LOCKONFAULT) || !len)
		return err;
	/* fault everything in now; Linux answers EAGAIN when memory runs out */
	return mm_populate(start, len) ? -EAGAIN : 0;
}

long sys_mlock(unsigned long start, size_t len)
{
	return do_mlock(start, len, VM_LOCKED);
}

long sys_mlock2(unsigned long start, size_t len, int flags)
{
	if (flags & ~MLOCK_ONFAULT)
		return -EINVAL;
	return do_mlock(start, len, (flags & MLOCK_ONFAULT) ? VM_LOCKED | VM_LOCKONFAULT : VM_LOCKED);
}

long sys_munlock(unsigned long start, size_t len)
{
	return do_mlock(start, len, 0);
}

/* Every VMA gets lock_flags. By address, not by vm_next: a VMA may merge
 * into the one before it and be freed. mmap_lock held for write. */
static void set_all_lock_flags(struct mm_struct *mm, unsigned long lock_flags)
{
	struct vm_area_struct *v;

	for (unsigned long addr = 0; (v = find_vma(mm, addr)); ) {
		addr = v->vm_end;
		mlock_fixup(mm, v, v->vm_start, v->vm_end, lock_flags);
	}
}

/* Fault in every locked VMA, one at a time (mm_populate stops at holes);
 * what cannot be faulted in stays out, as in Linux. */
static void populate_locked(struct mm_struct *mm)
{
	for (unsigned long addr = 0; ; ) {
		struct vm_area_struct *v;
		unsigned long start, end;
		bool locked;

		mmap_read_lock(mm);
		v = find_vma(mm, addr);
		if (v) {
			start = v->vm_start;
			end = v->vm_end;
			locked = (v->vm_flags & VM_LOCKED_MASK) == VM_LOCKED;
		}
		mmap_read_unlock(mm);
		if (!v)
			return;
		if (locked)
			mm_populate(start, end - start);
		addr = end;
	}
}

/* Lock every VMA now (MCL_CURRENT) and/or every later one (MCL_FUTURE). */
long sys_mlockall(int flags)
{
	struct mm_struct *mm = current->mm;
	unsigned long lock_flags = VM_LOCKED | ((flags & MCL_ONFAULT) ? VM_LOCKONFAULT : 0);
	bool populate = false;

	if (!flags || (flags & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) || flags == MCL_ONFAULT)
		return -EINVAL;
	mmap_write_lock(mm);
	mm->def_flags &= ~VM_LOCKED_MASK;
	if (flags & MCL_FUTURE)
		mm->def_flags |= lock_flags;
	if (flags & MCL_CURRENT) {
		set_all_lock_flags(mm, lock_flags);
		populate = !(flags & MCL_ONFAULT);
	}
	mmap_write_unlock(mm);
	if (populate)
		populate_locked(mm);
	return 0;
}

long sys_munlockall(void)
{
	struct mm_struct *mm = current->mm;

	mmap_write_lock(mm);
	mm->def_flags &= ~VM_LOCKED_MASK;
	set_all_lock_flags(mm, 0);
	mmap_write_unlock(mm);
	return 0;
}
