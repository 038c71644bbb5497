/* The per-process memory files of /proc/PID/, in Linux's formats:
 * maps, smaps (Rss, Pss, AnonHugePages, THPeligible, VmFlags per VMA),
 * pagemap (one 64-bit entry per page: present bit, PFN), clear_refs
 * (writing 1 clears the accessed bits, as khugepaged's "young" check
 * reads them), and the VmRSS lines of status. smaps has one line Linux
 * lacks: THPreason, naming the first THP condition a VMA fails (ours). */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/mm.h>
#include <linux/huge_mm.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/errno.h>
#include <linux/uaccess.h>

/* Take a reference on the task's mm (NULL for kernel threads and zombies). */
static struct mm_struct *get_task_mm(struct task_struct *t)
{
	struct mm_struct *mm = t->mm;
	if (mm)
		atomic_inc(&mm->mm_users);
	return mm;
}

static const char *vma_label(struct vm_area_struct *vma)
{
	struct mm_struct *mm = vma->vm_mm;
	if (vma->vm_name)
		return vma->vm_name;
	if (vma->vm_start <= mm->brk && vma->vm_end >= mm->start_brk && mm->brk > mm->start_brk)
		return "[heap]";
	if (vma->vm_start <= mm->start_stack && vma->vm_end >= mm->start_stack)
		return "[stack]";
	return NULL;
}

static void show_map_vma(struct seq_file *m, struct vm_area_struct *vma)
{
	unsigned long f = vma->vm_flags;
	const char *name = vma_label(vma);
	size_t start = m->count;

	seq_printf(m, "%08lx-%08lx %c%c%c%c %08lx %02x:%02x %lu ", vma->vm_start, vma->vm_end,
		   f & VM_READ ? 'r' : '-', f & VM_WRITE ? 'w' : '-', f & VM_EXEC ? 'x' : '-',
		   f & VM_MAYSHARE ? 's' : 'p', 0UL, 0, 0, 0UL);
	if (name) {
		int pad = 72 - (int)(m->count - start);
		seq_printf(m, "%*s %s", pad > 0 ? pad : 0, "", name);
	}
	seq_putc(m, '\n');
}

static int maps_show(struct seq_file *m, struct task_struct *t, void *data)
{
	struct mm_struct *mm = get_task_mm(t);
	if (!mm)
		return 0;
	mmap_read_lock(mm);
	for (struct vm_area_struct *v = mm->mmap; v; v = v->vm_next)
		show_map_vma(m, v);
	mmap_read_unlock(mm);
	mmput(mm);
	return 0;
}

struct mem_size_stats {
	unsigned long resident, shared_clean, shared_dirty, private_clean, private_dirty;
	unsigned long referenced, anonymous, anonymous_thp, pss, pss_dirty;
	unsigned long pss_anon, pss_shmem, pss_locked;	/* smaps_rollup's extra lines */
};

/* Account one (sub)page: PSS splits a page among everyone mapping it. */
static void smaps_page(struct mem_size_stats *mss, struct page *page, bool young, bool dirty)
{
	int mapcount = page_mapcount(page);
	unsigned long size = PAGE_SIZE;

	if (mapcount < 1)
		mapcount = 1;
	mss->resident += size;
	if (young || PageReferenced(page))
		mss->referenced += size;
	if (PageAnon(page))
		mss->anonymous += size;
	dirty = dirty || PageDirty(compound_head(page));
	if (mapcount >= 2) {
		if (dirty)
			mss->shared_dirty += size;
		else
			mss->shared_clean += size;
	} else {
		if (dirty)
			mss->private_dirty += size;
		else
			mss->private_clean += size;
	}
	/* in 1/1024ths of a byte, as Linux's PSS_SHIFT keeps precision */
	mss->pss += (size << 10) / mapcount;
	if (dirty)
		mss->pss_dirty += (size << 10) / mapcount;
	/* the only user pages that are not anonymous are shared anonymous memory */
	if (PageAnon(page))
		mss->pss_anon += (size << 10) / mapcount;
	else
		mss->pss_shmem += (size << 10) / mapcount;
}

static void smaps_walk(struct vm_area_struct *vma, struct mem_size_stats *mss)
{
	struct mm_struct *mm = vma->vm_mm;

	for (unsigned long addr = vma->vm_start; addr < vma->vm_end; ) {
		unsigned long next = min((addr & PMD_MASK) + PMD_SIZE, vma->vm_end);
		spin_lock(&mm->page_table_lock);
		pmd_t *pmd = mm_find_pmd(mm, addr);
		if (pmd && pmd_trans_huge(*pmd)) {
			if (!is_huge_zero_pmd(*pmd)) {
				struct page *head = pmd_page(*pmd);
				for (int i = 0; i < HPAGE_PMD_NR; i++)
					smaps_page(mss, head + i, pmd_young(*pmd), pmd_dirty(*pmd));
				mss->anonymous_thp += HPAGE_PMD_SIZE;
			}
		} else if (pmd && !pmd_none(*pmd)) {
			pte_t *pte = pte_offset_map(pmd, addr);
			for (unsigned long a = addr; a < next; a += PAGE_SIZE, pte++) {
				if (!pte_present(*pte))
					continue;
				struct page *page = vm_normal_page(vma, a, *pte);
				if (page)
					smaps_page(mss, page, pte_young(*pte), pte_dirty(*pte));
			}
		}
		spin_unlock(&mm->page_table_lock);
		addr = next;
	}
}

static void show_smap_vma_flags(struct seq_file *m, struct vm_area_struct *vma)
{
	static const struct { unsigned long flag; const char *name; } names[] = {
		{ VM_READ, "rd" }, { VM_WRITE, "wr" }, { VM_EXEC, "ex" }, { VM_SHARED, "sh" },
		{ VM_MAYREAD, "mr" }, { VM_MAYWRITE, "mw" }, { VM_MAYEXEC, "me" },
		{ VM_MAYSHARE, "ms" }, { VM_GROWSDOWN, "gd" }, { VM_PFNMAP, "pf" },
		{ VM_LOCKED, "lo" }, { VM_IO, "io" }, { VM_SEQ_READ, "sr" }, { VM_RAND_READ, "rr" },
		{ VM_DONTCOPY, "dc" }, { VM_DONTEXPAND, "de" }, { VM_ACCOUNT, "ac" },
		{ VM_NORESERVE, "nr" }, { VM_HUGETLB, "ht" }, { VM_WIPEONFORK, "wf" },
		{ VM_DONTDUMP, "dd" }, { VM_HUGEPAGE, "hg" }, { VM_NOHUGEPAGE, "nh" },
	};
	seq_puts(m, "VmFlags:");
	for (unsigned i = 0; i < ARRAY_SIZE(names); i++)
		if (vma->vm_flags & names[i].flag)
			seq_printf(m, " %s", names[i].name);
	seq_putc(m, '\n');
}

#define SEQ_KB(m, label, bytes) seq_printf(m, "%-16s%8lu kB\n", label, (unsigned long)(bytes) >> 10)

/* The lines smaps and smaps_rollup share, from Rss to Locked (Linux's
 * __show_smap); the rollup adds the PSS split by kind. */
static void show_smap(struct seq_file *m, struct mem_size_stats *mss, bool rollup)
{
	SEQ_KB(m, "Rss:", mss->resident);
	SEQ_KB(m, "Pss:", mss->pss >> 10);
	SEQ_KB(m, "Pss_Dirty:", mss->pss_dirty >> 10);
	if (rollup) {
		SEQ_KB(m, "Pss_Anon:", mss->pss_anon >> 10);
		SEQ_KB(m, "Pss_File:", 0);
		SEQ_KB(m, "Pss_Shmem:", mss->pss_shmem >> 10);
	}
	SEQ_KB(m, "Shared_Clean:", mss->shared_clean);
	SEQ_KB(m, "Shared_Dirty:", mss->shared_dirty);
	SEQ_KB(m, "Private_Clean:", mss->private_clean);
	SEQ_KB(m, "Private_Dirty:", mss->private_dirty);
	SEQ_KB(m, "Referenced:", mss->referenced);
	SEQ_KB(m, "Anonymous:", mss->anonymous);
	SEQ_KB(m, "LazyFree:", 0);
	SEQ_KB(m, "AnonHugePages:", mss->anonymous_thp);
	SEQ_KB(m, "ShmemPmdMapped:", 0);
	SEQ_KB(m, "FilePmdMapped:", 0);
	SEQ_KB(m, "Shared_Hugetlb:", 0);
	SEQ_KB(m, "Private_Hugetlb:", 0);
	SEQ_KB(m, "Swap:", 0);
	SEQ_KB(m, "SwapPss:", 0);
	SEQ_KB(m, "Locked:", mss->pss_locked >> 10);
}

static int smaps_show(struct seq_file *m, struct task_struct *t, void *data)
{
	struct mm_struct *mm = get_task_mm(t);
	if (!mm)
		return 0;
	mmap_read_lock(mm);
	for (struct vm_area_struct *v = mm->mmap; v; v = v->vm_next) {
		struct mem_size_stats mss;
		memset(&mss, 0, sizeof(mss));
		smaps_walk(v, &mss);
		if (v->vm_flags & VM_LOCKED)
			mss.pss_locked = mss.pss;
		show_map_vma(m, v);
		SEQ_KB(m, "Size:", v->vm_end - v->vm_start);
		SEQ_KB(m, "KernelPageSize:", PAGE_SIZE);
		SEQ_KB(m, "MMUPageSize:", PAGE_SIZE);
		show_smap(m, &mss, false);
		seq_printf(m, "THPeligible:    %d\n", hugepage_vma_check(v, v->vm_flags, true, false, true));
		/* ours (not in Linux): which hugepage_vma_check condition decides */
		seq_printf(m, "THPreason:      %s\n", hugepage_vma_reason(v));
		show_smap_vma_flags(m, v);
	}
	mmap_read_unlock(mm);
	mmput(mm);
	return 0;
}

/* smaps_rollup: the sums of every VMA's smaps lines, under one header line
 * that spans the whole address space (what tools read instead of summing
 * smaps themselves). */
static int smaps_rollup_show(struct seq_file *m, struct task_struct *t, void *data)
{
	struct mm_struct *mm = get_task_mm(t);
	struct mem_size_stats mss;
	unsigned long last_end = 0;
	size_t start = m->count;

	if (!mm)
		return 0;
	memset(&mss, 0, sizeof(mss));
	mmap_read_lock(mm);
	for (struct vm_area_struct *v = mm->mmap; v; v = v->vm_next) {
		unsigned long pss0 = mss.pss;
		smaps_walk(v, &mss);
		if (v->vm_flags & VM_LOCKED)
			mss.pss_locked += mss.pss - pss0;
		last_end = v->vm_end;
	}
	if (mm->mmap) {
		seq_printf(m, "%08lx-%08lx ---p %08lx %02x:%02x %lu ", mm->mmap->vm_start, last_end, 0UL, 0, 0, 0UL);
		seq_printf(m, "%*s [rollup]\n", (int)(72 - (m->count - start)), "");
		show_smap(m, &mss, true);
	}
	mmap_read_unlock(mm);
	mmput(mm);
	return 0;
}

/* statm: sizes in pages: total, resident, shared, text, lib (0), data + stack, 0. */
static int statm_show(struct seq_file *m, struct task_struct *t, void *data)
{
	struct mm_struct *mm = get_task_mm(t);
	unsigned long total = 0, data_stack = 0, text;

	if (!mm) {
		seq_puts(m, "0 0 0 0 0 0 0\n");
		return 0;
	}
	mmap_read_lock(mm);
	for (struct vm_area_struct *v = mm->mmap; v; v = v->vm_next) {
		total += vma_pages(v);
		if ((v->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE || (v->vm_flags & VM_GROWSDOWN))
			data_stack += vma_pages(v);
	}
	text = (PAGE_ALIGN(mm->end_code) - (mm->start_code & PAGE_MASK)) >> PAGE_SHIFT;
	mmap_read_unlock(mm);
	seq_printf(m, "%lu %lu %lu %lu 0 %lu 0\n", total, get_mm_rss(mm), 0UL, text, data_stack);
	mmput(mm);
	return 0;
}

/* Copy len bytes at addr of another process's address space (Linux's
 * access_remote_vm, read only): page by page through its page tables.
 * Returns the bytes copied; it stops at the first page not present. */
static size_t access_remote_vm(struct mm_struct *mm, unsigned long addr, char *buf, size_t len)
{
	size_t done = 0;

	mmap_read_lock(mm);
	spin_lock(&mm->page_table_lock);
	while (done < len) {
		pmd_t *pmd = mm_find_pmd(mm, addr);
		unsigned long offset = addr & ~PAGE_MASK, pfn;
		size_t n = min(len - done, PAGE_SIZE - offset);

		if (!pmd || pmd_none(*pmd))
			break;
		if (pmd_trans_huge(*pmd)) {
			pfn = pmd_pfn(*pmd) + ((addr & ~HPAGE_PMD_MASK) >> PAGE_SHIFT);
		} else {
			pte_t pte = *pte_offset_map(pmd, addr);
			if (!pte_present(pte))
				break;
			pfn = pte_pfn(pte);
		}
		memcpy(buf + done, (char *)page_address(pfn_to_page(pfn)) + offset, n);
		done += n;
		addr += n;
	}
	spin_unlock(&mm->page_table_lock);
	mmap_read_unlock(mm);
	return done;
}

/* cmdline: the argument strings as exec left them on the new stack, each
 * ending with a NUL. */
static int cmdline_show(struct seq_file *m, struct task_struct *t, void *data)
{
	struct mm_struct *mm = get_task_mm(t);
	size_t len;
	char *buf;

	if (!mm)
		return 0;
	len = min(mm->arg_end - mm->arg_start, PAGE_SIZE * 8);
	buf = kmalloc(len ? len : 1, GFP_KERNEL);
	if (buf) {
		seq_write(m, buf, access_remote_vm(mm, mm->arg_start, buf, len));
		kfree(buf);
	}
	mmput(mm);
	return buf ? 0 : -ENOMEM;
}

/* pagemap: entry bits as Linux documents them (admin-guide/mm/pagemap). */
#define PM_PFRAME_MASK		((1UL << 55) - 1)
#define PM_SOFT_DIRTY		BIT(55)
#define PM_MMAP_EXCLUSIVE	BIT(56)
#define PM_FILE			BIT(61)
#define PM_PRESENT		BIT(63)

static u64 pagemap_entry(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr)
{
	pmd_t *pmd = mm_find_pmd(mm, addr);
	struct page *page = NULL;
	u64 e;

	if (!pmd || pmd_none(*pmd))
		return 0;
	if (pmd_trans_huge(*pmd)) {
		unsigned long pfn = pmd_pfn(*pmd) + ((addr & ~HPAGE_PMD_MASK) >> PAGE_SHIFT);
		e = PM_PRESENT | PM_SOFT_DIRTY | pfn;
		if (!is_huge_zero_pmd(*pmd))
			page = pfn_to_page(pfn);
	} else {
		pte_t pte = *pte_offset_map(pmd, addr);
		if (!pte_present(pte))
			return 0;
		e = PM_PRESENT | PM_SOFT_DIRTY | pte_pfn(pte);
		page = vm_normal_page(vma, addr, pte);
	}
	if (page && page_mapcount(page) == 1)
		e |= PM_MMAP_EXCLUSIVE;
	if (vma->vm_flags & VM_SHARED)
		e |= PM_FILE;
	return e;
}

static ssize_t pagemap_read(struct task_struct *t, void *data, char __user *buf,
			    size_t count, loff_t pos)
{
	struct mm_struct *mm;
	u64 *entries;
	size_t n, done = 0;

	if ((pos % 8) || (count % 8))
		return -EINVAL;
	mm = get_task_mm(t);
	if (!mm)
		return 0;
	entries = kmalloc(512 * 8, GFP_KERNEL);
	if (!entries) {
		mmput(mm);
		return -ENOMEM;
	}
	while (done < count) {
		unsigned long addr = (unsigned long)((pos + done) / 8) << PAGE_SHIFT;
		if (addr >= TASK_SIZE)
			break;
		n = min((count - done) / 8, 512UL);
		mmap_read_lock(mm);
		spin_lock(&mm->page_table_lock);
		for (size_t i = 0; i < n; i++) {
			unsigned long a = addr + (i << PAGE_SHIFT);
			struct vm_area_struct *vma = find_vma(mm, a);
			entries[i] = vma && vma->vm_start <= a ? pagemap_entry(mm, vma, a) : 0;
		}
		spin_unlock(&mm->page_table_lock);
		mmap_read_unlock(mm);
		if (copy_to_user(buf + done, entries, n * 8)) {
			done = done ? done : (size_t)-EFAULT;
			break;
		}
		done += n * 8;
	}
	kfree(entries);
	mmput(mm);
	return done;
}

/* clear_refs: 1 = all pages, 2 = anonymous, 3 = file, 4 = soft-dirty,
 * 5 = peak RSS. 1 and 2 clear the accessed bit of every PTE and huge PMD. */
static int clear_refs_store(struct task_struct *t, void *data, const char *buf, size_t len)
{
	unsigned long type;
	struct mm_struct *mm;

	if (kstrtoul(buf, 10, &type) || type < 1 || type > 5)
		return -EINVAL;
	if (type != 1 && type != 2)
		return 0;
	mm = get_task_mm(t);
	if (!mm)
		return 0;
	mmap_read_lock(mm);
	spin_lock(&mm->page_table_lock);
	for (struct vm_area_struct *v = mm->mmap; v; v = v->vm_next) {
		for (unsigned long addr = v->vm_start; addr < v->vm_end; ) {
			unsigned long next = min((addr & PMD_MASK) + PMD_SIZE, v->vm_end);
			pmd_t *pmd = mm_find_pmd(mm, addr);
			if (pmd && pmd_trans_huge(*pmd)) {
				set_pmd(pmd, pmd_mkold(*pmd));
				ClearPageReferenced(pmd_page(*pmd));
			} else if (pmd && !pmd_none(*pmd)) {
				pte_t *pte = pte_offset_map(pmd, addr);
				for (unsigned long a = addr; a < next; a += PAGE_SIZE, pte++) {
					if (!pte_present(*pte))
						continue;
					set_pte(pte, pte_mkold(*pte));
					struct page *page = vm_normal_page(v, a, *pte);
					if (page)
						ClearPageReferenced(page);
				}
			}
			addr = next;
		}
	}
	spin_unlock(&mm->page_table_lock);
	mmap_read_unlock(mm);
	/* the accessed bits are set again only after the TLB forgets the page */
	flush_tlb_mm(mm);
	mmput(mm);
	return 0;
}

/* The memory lines of /proc/PID/status, in Linux's format. */
static void status_mm(struct seq_file *m, struct task_struct *t)
{
	struct mm_struct *mm = get_task_mm(t);
	unsigned long total = 0, stack = 0, data = 0, exec = 0, locked = 0;

	if (!mm)
		return;
	mmap_read_lock(mm);
	for (struct vm_area_struct *v = mm->mmap; v; v = v->vm_next) {
		unsigned long size = v->vm_end - v->vm_start;
		total += size;
		if (v->vm_flags & VM_LOCKED)
			locked += size;
		if (v->vm_flags & VM_GROWSDOWN)
			stack += size;
		else if ((v->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE)
			data += size;
		else if (v->vm_flags & VM_EXEC)
			exec += size;
	}
	unsigned long rss = get_mm_rss(mm) << (PAGE_SHIFT - 10);
	seq_printf(m, "VmPeak:\t%8lu kB\nVmSize:\t%8lu kB\nVmLck:\t%8lu kB\nVmPin:\t%8lu kB\n",
		   total >> 10, total >> 10, locked >> 10, 0UL);
	seq_printf(m, "VmHWM:\t%8lu kB\nVmRSS:\t%8lu kB\nRssAnon:\t%8lu kB\nRssFile:\t%8lu kB\n"
		   "RssShmem:\t%8lu kB\n", rss, rss, rss, 0UL, 0UL);
	seq_printf(m, "VmData:\t%8lu kB\nVmStk:\t%8lu kB\nVmExe:\t%8lu kB\nVmLib:\t%8lu kB\n"
		   "VmPTE:\t%8lu kB\nVmSwap:\t%8lu kB\n", data >> 10, stack >> 10, exec >> 10, 0UL,
		   atomic_long_read(&mm->pgtables_bytes) >> 10, 0UL);
	seq_printf(m, "THP_enabled:\t%d\n", !test_bit(MMF_DISABLE_THP, &mm->flags));
	mmap_read_unlock(mm);
	mmput(mm);
}

static const struct pseudo_file_ops maps_ops = { .show = maps_show };
static const struct pseudo_file_ops smaps_ops = { .show = smaps_show };
static const struct pseudo_file_ops smaps_rollup_ops = { .show = smaps_rollup_show };
static const struct pseudo_file_ops statm_ops = { .show = statm_show };
static const struct pseudo_file_ops cmdline_ops = { .show = cmdline_show };
static const struct pseudo_file_ops pagemap_ops = { .read = pagemap_read };
static const struct pseudo_file_ops clear_refs_ops = { .store = clear_refs_store };

void proc_meminfo_init(void);
void proc_ptdump_init(void);

void proc_mm_init(void)
{
	proc_pid_register("maps", 0444, &maps_ops);
	proc_pid_register("smaps", 0444, &smaps_ops);
	proc_pid_register("smaps_rollup", 0444, &smaps_rollup_ops);
	proc_pid_register("statm", 0444, &statm_ops);
	proc_pid_register("cmdline", 0444, &cmdline_ops);
	proc_pid_register("pagemap", 0400, &pagemap_ops);
	proc_pid_register("clear_refs", 0200, &clear_refs_ops);
	proc_status_mm_hook = status_mm;
	proc_meminfo_init();
	proc_ptdump_init();
}
