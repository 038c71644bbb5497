/* The page-fault handler (vector 14): from the CPU's report (CR2 = the
 * address, an error code saying present/write/user/fetch) to the VMA that
 * covers the address and handle_mm_fault(), or to SIGSEGV.
 *
 * A fault in kernel mode on a user address comes from copy_from_user and
 * friends: it is handled like the user's own access would be, and if that
 * fails the copy's exception-table fixup makes it return short (-EFAULT). */
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/thp_insight.h>
#include <asm/traps.h>
#include <asm/processor.h>

/* Does vma allow this access? (x86 cannot map write-only: writable implies
 * readable.) */
static bool access_error(unsigned long error_code, struct vm_area_struct *vma)
{
	/* LAB 1 BEGIN: a write needs a writable VMA */
	/* LAB 1 STUB
	*/
	if (error_code & X86_PF_WRITE)
		return !(vma->vm_flags & VM_WRITE);
	/* LAB 1 END */
	if (error_code & X86_PF_INSTR)
		return !(vma->vm_flags & VM_EXEC);
	if (error_code & X86_PF_PROT)
		return !(vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC));
	return !(vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC));
}

/* One line in Linux's format, then SIGSEGV. */
static void bad_area(struct pt_regs *regs, unsigned long error_code, unsigned long address,
		     const char *why)
{
	if (!user_mode(regs)) {
		if (fixup_exception(regs))
			return;
		die("unable to handle page fault in the kernel", regs);
	}
	printk(KERN_INFO "%s[%d]: segfault at %lx ip %016lx sp %016lx error %lx (%s)\n",
	       current->comm, current->pid, address, regs->rip, regs->rsp, error_code, why);
	force_sig(SIGSEGV);
}

void do_page_fault(struct pt_regs *regs, unsigned long error_code, unsigned long address)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	unsigned int flags = 0;
	int fault;

	/* kernel addresses: never valid from user mode; a kernel bug otherwise */
	if (address >= TASK_SIZE) {
		if (user_mode(regs)) {
			bad_area(regs, error_code, address, "kernel address");
			return;
		}
		if (fixup_exception(regs))
			return;
		die("unable to handle kernel paging request", regs);
	}
	/* SMAP/SMEP violations are kernel bugs, never demand paging */
	if (!user_mode(regs) && (error_code & X86_PF_INSTR))
		die("kernel tried to execute user memory (SMEP)", regs);
	/* SMAP: outside copy_from_user & co (which set EFLAGS.AC), the kernel
	 * must not touch user memory at all. A stray access is a bug. */
	if (!user_mode(regs) && cpu_has_smap && !(regs->rflags & X86_EFLAGS_AC)) {
		if (fixup_exception(regs))
			return;
		die("SMAP: kernel access to user memory outside copy_from/to_user", regs);
	}
	if (!mm || preempt_count) {
		bad_area(regs, error_code, address, "no mm / atomic context");
		return;
	}

	if (error_code & X86_PF_WRITE)
		flags |= FAULT_FLAG_WRITE;
	if (error_code & X86_PF_USER)
		flags |= FAULT_FLAG_USER;
	if (error_code & X86_PF_INSTR)
		flags |= FAULT_FLAG_INSTRUCTION;

	mmap_read_lock(mm);
	vma = find_vma(mm, address);
	if (!vma) {
		mmap_read_unlock(mm);
		bad_area(regs, error_code, address, "no mapping");
		return;
	}
	if (vma->vm_start > address) {
		/* LAB 1 BEGIN: grow the stack down to the faulting address */
		/* LAB 1 STUB
		mmap_read_unlock(mm);
		bad_area(regs, error_code, address, "no mapping");
		return;
		*/
		/* below a stack: grow it (needs the lock for write) */
		if (!(vma->vm_flags & VM_GROWSDOWN)) {
			mmap_read_unlock(mm);
			bad_area(regs, error_code, address, "no mapping");
			return;
		}
		mmap_read_unlock(mm);
		mmap_write_lock(mm);
		vma = find_vma(mm, address);
		int err = vma && vma->vm_start > address ? expand_stack(vma, address) : 0;
		mmap_write_unlock(mm);
		if (!vma || err) {
			bad_area(regs, error_code, address, "stack limit");
			return;
		}
		mmap_read_lock(mm);
		vma = find_vma(mm, address);
		if (!vma || vma->vm_start > address) {
			mmap_read_unlock(mm);
			bad_area(regs, error_code, address, "no mapping");
			return;
		}
		/* LAB 1 END */
	}
	if (access_error(error_code, vma)) {
		mmap_read_unlock(mm);
		bad_area(regs, error_code, address, "permissions");
		return;
	}
	u64 t0 = ktime_get_ns();
	fault = handle_mm_fault(vma, address, flags);
	thp_fault_latency(mm, address, t0);	/* ours: the 4 KiB / 2 MiB fault histograms */
	mmap_read_unlock(mm);

	if (fault & VM_FAULT_OOM) {
		/* out of memory even after reclaim and the OOM killer */
		if (!user_mode(regs) && fixup_exception(regs))
			return;
		printk(KERN_ERR "%s[%d]: out of memory at %lx: killed\n", current->comm,
		       current->pid, address);
		send_sig(SIGKILL, current);
		return;
	}
	if (fault & VM_FAULT_SIGBUS) {
		/* a mapping with no page behind the address (shared memory past
		 * its end, e.g. after mremap grew it): Linux's do_sigbus */
		if (!user_mode(regs)) {
			if (fixup_exception(regs))
				return;
			die("bus error in the kernel", regs);
		}
		force_sig(SIGBUS);
		return;
	}
	if (fault & VM_FAULT_SIGSEGV)
		bad_area(regs, error_code, address, "fault failed");
}
