/* The ELF64 loader: map a static x86-64 executable (ET_EXEC, or static-pie
 * ET_DYN) into a new address space and build the initial stack Linux
 * programs expect:
 *
 *   high  [ execfn, envp and argv strings, "x86_64", 16 random bytes ]
 *         [ auxv pairs ... AT_NULL ]
 *         [ envp[0..] NULL ]
 *         [ argv[0..] NULL ]
 *   rsp-> [ argc ]                     (rsp is 16-byte aligned)
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/errno.h>
#include <linux/uaccess.h>
#include <linux/binfmts.h>
#include <linux/elf.h>
#include <asm/processor.h>

#define STACK_TOP	TASK_SIZE
#define STACK_INIT_SIZE	(128 * 1024)
#define ELF_ET_DYN_BASE	0x555555554000UL

int do_mprotect(unsigned long start, size_t len, unsigned long prot);
extern struct mm_struct init_mm;

static unsigned long elf_prot(u32 p_flags)
{
	return ((p_flags & PF_R) ? PROT_READ : 0) | ((p_flags & PF_W) ? PROT_WRITE : 0) |
	       ((p_flags & PF_X) ? PROT_EXEC : 0);
}

/* Map one PT_LOAD segment writable, copy its file bytes in; the rest of
 * its memory (bss) is already zero. */
static int load_segment(struct file *f, Elf64_Phdr *ph, unsigned long bias, unsigned long *mapped_end)
{
	unsigned long start = bias + ph->p_vaddr;
	unsigned long map_start = max(ALIGN_DOWN(start, PAGE_SIZE), *mapped_end);
	unsigned long map_end = PAGE_ALIGN(start + ph->p_memsz);
	unsigned long populate;
	char *buf;
	int err = 0;

	if (ph->p_filesz > ph->p_memsz || start + ph->p_memsz < start || map_end > TASK_SIZE)
		return -EINVAL;
	if (map_end > map_start) {
		mmap_write_lock(current->mm);
		unsigned long a = do_mmap(map_start, map_end - map_start, PROT_READ | PROT_WRITE,
					  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0, 0, &populate);
		mmap_write_unlock(current->mm);
		if (IS_ERR_VALUE(a))
			return a;
		*mapped_end = map_end;
	}
	buf = kmalloc(65536, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	for (u64 done = 0; done < ph->p_filesz; ) {
		size_t chunk = min(ph->p_filesz - done, 65536UL);
		loff_t pos = ph->p_offset + done;
		ssize_t n = kernel_read(f, buf, chunk, &pos);
		if (n <= 0) {
			err = n < 0 ? n : -EIO;
			break;
		}
		if (copy_to_user((void __user *)(start + done), buf, n)) {
			err = -EFAULT;
			break;
		}
		done += n;
	}
	kfree(buf);
	return err;
}

/* Copy a string onto the new stack below *sp; returns its user address. */
static unsigned long push_string(unsigned long *sp, const char *s)
{
	size_t len = strlen(s) + 1;
	*sp -= len;
	if (copy_to_user((void __user *)*sp, s, len))
		return 0;
	return *sp;
}

static int create_elf_tables(struct linux_binprm *bprm, Elf64_Ehdr *eh, unsigned long phdr_addr,
			     unsigned long bias, unsigned long *sp_out)
{
	struct mm_struct *mm = current->mm;
	unsigned long sp = STACK_TOP;
	int nstr = bprm->argc + bprm->envc;
	unsigned long *ptrs = kmalloc((nstr + 1) * sizeof(unsigned long), GFP_KERNEL);
	unsigned long execfn, platform, random;
	u8 rnd[16];
	int i;

	if (!ptrs)
		return -ENOMEM;
	execfn = push_string(&sp, bprm->filename);
	mm->env_end = mm->arg_end = sp;
	/* strings: envp above argv, as Linux lays them out */
	for (i = nstr - 1; i >= 0; i--) {
		ptrs[i] = push_string(&sp, bprm_string(bprm, i));
		if (i == bprm->argc)
			mm->env_start = sp;
		if (i == bprm->argc - 1 && !bprm->envc)
			mm->env_start = mm->env_end;
	}
	mm->arg_start = sp;
	if (bprm->argc)
		mm->arg_end = bprm->envc ? mm->env_start : mm->env_end;
	platform = push_string(&sp, "x86_64");
	for (i = 0; i < 16; i++)
		rnd[i] = (u8)(rdtsc() >> (i % 8)) ^ (u8)(i * 73);
	sp -= 16;
	random = sp;
	copy_to_user((void __user *)sp, rnd, 16);

	u32 a, b, c, d;
	cpuid(1, 0, &a, &b, &c, &d);
	unsigned long auxv[] = {
		AT_HWCAP, d, AT_PAGESZ, PAGE_SIZE, AT_CLKTCK, 100,
		AT_PHDR, phdr_addr, AT_PHENT, sizeof(Elf64_Phdr), AT_PHNUM, eh->e_phnum,
		AT_BASE, 0, AT_FLAGS, 0, AT_ENTRY, bias + eh->e_entry,
		AT_UID, 0, AT_EUID, 0, AT_GID, 0, AT_EGID, 0, AT_SECURE, 0,
		AT_RANDOM, random, AT_HWCAP2, 0, AT_EXECFN, execfn, AT_PLATFORM, platform,
		AT_NULL, 0,
	};
	/* words below the strings: argc, argv[], NULL, envp[], NULL, auxv */
	unsigned long words = 1 + bprm->argc + 1 + bprm->envc + 1 + ARRAY_SIZE(auxv);
	sp = ALIGN_DOWN(sp, 16) - words * sizeof(unsigned long);
	sp = ALIGN_DOWN(sp, 16);
	unsigned long p = sp;
	int err = 0;
	err |= put_user((unsigned long)bprm->argc, (unsigned long __user *)p);
	p += 8;
	for (i = 0; i < bprm->argc; i++, p += 8)
		err |= put_user(ptrs[i], (unsigned long __user *)p);
	err |= put_user(0UL, (unsigned long __user *)p);
	p += 8;
	for (i = bprm->argc; i < nstr; i++, p += 8)
		err |= put_user(ptrs[i], (unsigned long __user *)p);
	err |= put_user(0UL, (unsigned long __user *)p);
	p += 8;
	if (copy_to_user((void __user *)p, auxv, sizeof(auxv)))
		err = -EFAULT;
	kfree(ptrs);
	if (err || !execfn || !platform)
		return -EFAULT;
	*sp_out = sp;
	return 0;
}

/* Switch the task to mm (the new program's, or back to the old one). */
static void activate_mm(struct mm_struct *mm)
{
	unsigned long flags;
	local_irq_save(flags);
	current->mm = mm;
	current->active_mm = mm ? mm : &init_mm;
	write_cr3(__pa(current->active_mm->pgd));
	local_irq_restore(flags);
}

int load_elf_binary(struct linux_binprm *bprm, struct pt_regs *regs)
{
	Elf64_Ehdr *eh = (Elf64_Ehdr *)bprm->buf;
	struct mm_struct *old_mm = current->mm, *mm;
	Elf64_Phdr *phdrs;
	unsigned long bias = 0, phdr_addr = 0, end = 0, mapped_end = 0, sp;
	loff_t pos = eh->e_phoff;
	int err, i;

	if (memcmp(eh->e_ident, ELFMAG, 4) || eh->e_ident[4] != ELFCLASS64 ||
	    eh->e_ident[5] != ELFDATA2LSB)
		return -ENOEXEC;
	if ((eh->e_type != ET_EXEC && eh->e_type != ET_DYN) || eh->e_machine != EM_X86_64 ||
	    eh->e_phentsize != sizeof(Elf64_Phdr) || !eh->e_phnum || eh->e_phnum > 64)
		return -ENOEXEC;
	phdrs = kmalloc(eh->e_phnum * sizeof(Elf64_Phdr), GFP_KERNEL);
	if (!phdrs)
		return -ENOMEM;
	if (kernel_read(bprm->file, phdrs, eh->e_phnum * sizeof(Elf64_Phdr), &pos) !=
	    (ssize_t)(eh->e_phnum * sizeof(Elf64_Phdr))) {
		kfree(phdrs);
		return -ENOEXEC;
	}
	for (i = 0; i < eh->e_phnum; i++) {
		if (phdrs[i].p_type == PT_INTERP) {
			printk(KERN_NOTICE "exec %s: dynamically linked programs are not supported "
			       "(build with musl-gcc -static)\n", bprm->filename);
			kfree(phdrs);
			return -ENOEXEC;
		}
	}
	if (eh->e_type == ET_DYN)
		bias = ELF_ET_DYN_BASE;

	mm = mm_alloc();
	if (!mm) {
		kfree(phdrs);
		return -ENOMEM;
	}
	if (old_mm)
		mm->flags = old_mm->flags & BIT(MMF_DISABLE_THP);	/* survives exec */
	mm->owner = current;
	activate_mm(mm);

	/* map the segments writable, then give each its own protection */
	for (i = 0; i < eh->e_phnum; i++) {
		Elf64_Phdr *ph = &phdrs[i];
		if (ph->p_type != PT_LOAD)
			continue;
		err = load_segment(bprm->file, ph, bias, &mapped_end);
		if (err)
			goto fail;
		if (eh->e_phoff >= ph->p_offset && eh->e_phoff < ph->p_offset + ph->p_filesz)
			phdr_addr = bias + ph->p_vaddr + (eh->e_phoff - ph->p_offset);
		end = max(end, bias + ph->p_vaddr + ph->p_memsz);
		if (ph->p_flags & PF_X) {
			mm->start_code = bias + ph->p_vaddr;
			mm->end_code = bias + ph->p_vaddr + ph->p_filesz;
		} else if (ph->p_flags & PF_W) {
			mm->start_data = bias + ph->p_vaddr;
			mm->end_data = bias + ph->p_vaddr + ph->p_filesz;
		}
	}
	for (i = 0; i < eh->e_phnum; i++) {
		Elf64_Phdr *ph = &phdrs[i];
		if (ph->p_type == PT_PHDR)
			phdr_addr = bias + ph->p_vaddr;
		if (ph->p_type != PT_LOAD || (ph->p_flags & PF_W))
			continue;
		unsigned long s = ALIGN_DOWN(bias + ph->p_vaddr, PAGE_SIZE);
		do_mprotect(s, PAGE_ALIGN(bias + ph->p_vaddr + ph->p_memsz) - s, elf_prot(ph->p_flags));
	}
	mm->start_brk = mm->brk = PAGE_ALIGN(end);

	/* the stack: grows down from STACK_TOP on demand */
	{
		unsigned long populate;
		mmap_write_lock(mm);
		unsigned long a = do_mmap(STACK_TOP - STACK_INIT_SIZE, STACK_INIT_SIZE,
					  PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS |
					  MAP_FIXED | MAP_GROWSDOWN, 0, 0, &populate);
		mmap_write_unlock(mm);
		if (IS_ERR_VALUE(a)) {
			err = a;
			goto fail;
		}
		mm->start_stack = STACK_TOP - 8;
	}
	err = create_elf_tables(bprm, eh, phdr_addr, bias, &sp);
	if (err)
		goto fail;
	kfree(phdrs);

	/* point of no return: the old program is gone */
	if (old_mm)
		mmput(old_mm);
	current->flags &= ~PF_KTHREAD;
	current->did_exec = true;
	const char *base = strrchr(bprm->filename, '/');
	strlcpy(current->comm, base ? base + 1 : bprm->filename, sizeof(current->comm));
	if (current->files)
		do_close_on_exec(current->files);
	for (i = 1; i < _NSIG; i++) {
		if (current->sighand[i].handler != SIG_IGN)
			current->sighand[i].handler = SIG_DFL;
		current->sighand[i].flags = 0;
	}
	current->sas_ss_sp = current->sas_ss_size = 0;
	mm_release_vfork(current);
	start_thread(regs, bias + eh->e_entry, sp);
	return 0;

fail:
	kfree(phdrs);
	activate_mm(old_mm);
	mmput(mm);
	return err;
}
