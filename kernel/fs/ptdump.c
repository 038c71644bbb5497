/* /proc/PID/ptdump: a process's page-table tree as text, one line per
 * present entry of the user half, for a student (cat it) and for
 * scripts/pt2dot.py (make pictures draws it). docs/ptdump.md explains
 * every field; writing "START END" (hex) to the file limits it to a range. */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/mm.h>
#include <linux/huge_mm.h>
#include <linux/fs.h>
#include <linux/errno.h>

/*
 * The range a process's ptdump shows, set by a write to the file. A few
 * processes can have one at a time (the oldest slot is reused); a slot is
 * known by pid and start time, so a pid used again starts with no range.
 */
#define PTDUMP_SLOTS 8
struct ptdump_range {
	pid_t pid;
	u64 start_time;
	unsigned long start, end;	/* end == 0: the slot is free */
};
static struct ptdump_range ranges[PTDUMP_SLOTS];
static unsigned int next_slot;
static DEFINE_SPINLOCK(ranges_lock);

/* t's slot, or NULL. Called with ranges_lock held. */
static struct ptdump_range *range_slot(struct task_struct *t)
{
	for (int i = 0; i < PTDUMP_SLOTS; i++)
		if (ranges[i].end && ranges[i].pid == t->pid && ranges[i].start_time == t->start_time)
			return &ranges[i];
	return NULL;
}

/* "START END" in hex: show only [START, END); "all": the whole user half.
 * Returns 0, or -EINVAL for anything else or an empty range. */
static int ptdump_store(struct task_struct *t, void *data, const char *buf, size_t len)
{
	unsigned long start = 0, end = TASK_SIZE;
	struct ptdump_range *slot;
	char *p;

	if (strcmp(buf, "all") && strcmp(buf, "all\n")) {
		start = simple_strtoul(buf, &p, 16);
		if (p == buf || *p != ' ')
			return -EINVAL;
		for (buf = p; *buf == ' '; buf++)
			;
		end = simple_strtoul(buf, &p, 16);
		if (p == buf || (*p && *p != '\n') || start >= end || end > TASK_SIZE)
			return -EINVAL;
	}
	spin_lock(&ranges_lock);
	slot = range_slot(t);
	if (!slot) {
		slot = &ranges[next_slot];
		next_slot = (next_slot + 1) % PTDUMP_SLOTS;
	}
	*slot = (struct ptdump_range){ t->pid, t->start_time, start, end };
	spin_unlock(&ranges_lock);
	return 0;
}

struct ptdump {
	struct seq_file *m;
	unsigned long start, end;	/* the range shown */
};

/* Does [va, va + size) meet the range shown? */
static bool in_range(struct ptdump *d, unsigned long va, unsigned long size)
{
	return va < d->end && va + size > d->start;
}

/*
 * The low bits of an entry are the same at every level (x86-64):
 * P present, RW writable, US user, PWT/PCD caching, A accessed, D dirty,
 * PS "this PUD/PMD maps a page itself" (a THP), NX no execute. In a user
 * entry, bit 8 without P is our PROT_NONE mark (pgtable_types.h).
 */
static void show_flags(struct seq_file *m, unsigned long v)
{
	static const struct { unsigned long bit; const char *name; } names[] = {
		{ _PAGE_PRESENT, "P" }, { _PAGE_RW, "RW" }, { _PAGE_USER, "US" },
		{ _PAGE_PWT, "PWT" }, { _PAGE_PCD, "PCD" }, { _PAGE_ACCESSED, "A" },
		{ _PAGE_DIRTY, "D" }, { _PAGE_PSE, "PS" }, { _PAGE_NX, "NX" },
	};
	const char *sep = "";

	seq_puts(m, " flags=");
	for (unsigned i = 0; i < ARRAY_SIZE(names); i++)
		if (v & names[i].bit) {
			seq_printf(m, "%s%s", sep, names[i].name);
			sep = ",";
		}
	if ((v & (_PAGE_PRESENT | _PAGE_PROTNONE)) == _PAGE_PROTNONE)
		seq_printf(m, "%sPROTNONE", sep);
	else if (!*sep)
		seq_putc(m, '-');
}

/* A THP's counts, the same on its huge PMD line and its PTE lines. */
static void show_thp(struct seq_file *m, struct page *head)
{
	seq_printf(m, " compound_mapcount=%d refcount=%d deferred_split=%s", compound_mapcount(head),
		   page_ref_count(head), page_on_deferred_split_queue(head) ? "yes" : "no");
}

/*
 * A run of PTEs that map consecutive frames with the same flags and the
 * same counts: one line. The subpages of one THP share their head's
 * refcount, so a THP mapped by 512 PTEs prints as one line.
 */
struct pte_run {
	int first, last;		/* PTE indices; first < 0: no run */
	unsigned long va;		/* of the first */
	unsigned long pfn;		/* of the first */
	unsigned long flags;		/* the entry's bits without the frame */
	struct page *head;		/* the THP the pages belong to, or NULL */
	int mapcount, refcount;		/* refcount: the THP's (head's), or the page's */
	bool zero, nopage;		/* the shared zero page; a frame without struct page */
};

static void pte_run_show(struct seq_file *m, struct pte_run *r)
{
	unsigned long last_pfn = r->pfn + (r->last - r->first);

	if (r->first < 0)
		return;
	if (r->first == r->last)
		seq_printf(m, "      pte %d va=%#lx pfn=%#lx", r->first, r->va, r->pfn);
	else
		seq_printf(m, "      pte %d-%d va=%#lx pfn=%#lx-%#lx", r->first, r->last, r->va,
			   r->pfn, last_pfn);
	show_flags(m, r->flags);
	if (r->zero || r->nopage) {
		seq_puts(m, r->zero ? " zero\n" : " nopage\n");
		return;
	}
	if (r->head) {
		unsigned long sub = r->pfn - page_to_pfn(r->head);
		seq_printf(m, " thp=%#lx+%lu-%lu mapcount=%d", page_to_pfn(r->head), sub,
			   sub + (r->last - r->first), r->mapcount);
		show_thp(m, r->head);
	} else {
		seq_printf(m, " mapcount=%d refcount=%d", r->mapcount, r->refcount);
	}
	seq_putc(m, '\n');
}

/* Describe PTE i (va, pte) as a run of one. */
static void pte_run_start(struct pte_run *r, int i, unsigned long va, pte_t pte)
{
	unsigned long pfn = pte_pfn(pte);
	struct page *page;

	*r = (struct pte_run){ .first = i, .last = i, .va = va, .pfn = pfn,
			       .flags = pte_val(pte) & PTE_FLAGS_MASK };
	if (!pfn_valid(pfn)) {
		r->nopage = true;
		return;
	}
	if (is_zero_pfn(pfn)) {
		r->zero = true;
		return;
	}
	page = pfn_to_page(pfn);
	r->head = PageCompound(page) ? compound_head(page) : NULL;
	r->mapcount = page_mapcount(page);
	r->refcount = page_count(page);
}

/* Does n (PTE i) continue run r? */
static bool pte_run_extends(struct pte_run *r, struct pte_run *n)
{
	return n->first == r->last + 1 && n->pfn == r->pfn + (n->first - r->first) &&
	       n->flags == r->flags && n->head == r->head && n->mapcount == r->mapcount &&
	       n->refcount == r->refcount && n->zero == r->zero && n->nopage == r->nopage;
}

static void dump_pte_table(struct ptdump *d, pte_t *table, unsigned long base)
{
	struct pte_run run = { .first = -1 }, next;

	for (int i = 0; i < PTRS_PER_PTE; i++) {
		unsigned long va = base + ((unsigned long)i << PAGE_SHIFT);
		if (!pte_present(table[i]) || !in_range(d, va, PAGE_SIZE))
			continue;
		pte_run_start(&next, i, va, table[i]);
		if (run.first >= 0 && pte_run_extends(&run, &next)) {
			run.last = i;
			continue;
		}
		pte_run_show(d->m, &run);
		run = next;
	}
	pte_run_show(d->m, &run);
}

/* A huge PMD: the THP it maps and how it is mapped elsewhere. pte_mapped
 * counts its subpages that some PTE (of any process) maps. */
static void dump_huge_pmd(struct ptdump *d, int i, unsigned long va, pmd_t pmd)
{
	struct seq_file *m = d->m;
	struct page *head = pmd_page(pmd);
	int pte_mapped = 0;

	seq_printf(m, "    pmd %d va=%#lx HUGE pfn=%#lx", i, va, pmd_pfn(pmd));
	show_flags(m, pmd_val(pmd) & PTE_FLAGS_MASK);
	if (is_huge_zero_pmd(pmd)) {
		seq_puts(m, " zero\n");
		return;
	}
	for (int j = 0; j < HPAGE_PMD_NR; j++)
		pte_mapped += atomic_read(&head[j]._mapcount) >= 0;
	seq_printf(m, " thp=%#lx pte_mapped=%d", page_to_pfn(head), pte_mapped);
	show_thp(m, head);
	seq_putc(m, '\n');
}

/*
 * The PTE tables deposited with this PMD table's huge PMDs (so that a split
 * never allocates): the table's struct page holds the first in pmd_huge_pte,
 * the others are chained through the first one's lru list.
 */
static void show_deposited(struct seq_file *m, struct page *pmd_table)
{
	struct page *first = pmd_table->pmd_huge_pte;
	int n = 0;

	seq_puts(m, " deposited=");
	if (!first) {
		seq_puts(m, "none");
		return;
	}
	seq_printf(m, "%#lx", page_to_pfn(first));
	for (struct list_head *l = first->lru.next; l != &first->lru && ++n < PTRS_PER_PMD; l = l->next)
		seq_printf(m, ",%#lx", page_to_pfn(list_entry(l, struct page, lru)));
}

static void dump_pmd_table(struct ptdump *d, pmd_t *table, unsigned long base)
{
	for (int i = 0; i < PTRS_PER_PMD; i++) {
		unsigned long va = base + ((unsigned long)i << PMD_SHIFT);
		pmd_t pmd = table[i];
		if (!pmd_present(pmd) || !in_range(d, va, PMD_SIZE))
			continue;
		if (pmd_trans_huge(pmd)) {
			dump_huge_pmd(d, i, va, pmd);
			continue;
		}
		seq_printf(d->m, "    pmd %d va=%#lx TABLE pfn=%#lx", i, va, pmd_table_phys(pmd) >> PAGE_SHIFT);
		show_flags(d->m, pmd_val(pmd) & PTE_FLAGS_MASK);
		seq_putc(d->m, '\n');
		dump_pte_table(d, __va(pmd_table_phys(pmd)), va);
	}
}

static void dump_pud_table(struct ptdump *d, pud_t *table, unsigned long base)
{
	for (int i = 0; i < PTRS_PER_PUD; i++) {
		unsigned long va = base + ((unsigned long)i << PUD_SHIFT);
		unsigned long phys = pud_val(table[i]) & PTE_PFN_MASK;
		if (!pud_present(table[i]) || !in_range(d, va, PUD_SIZE))
			continue;
		seq_printf(d->m, "  pud %d va=%#lx %s pfn=%#lx", i, va,
			   pud_large(table[i]) ? "HUGE" : "TABLE", phys >> PAGE_SHIFT);
		show_flags(d->m, pud_val(table[i]) & PTE_FLAGS_MASK);
		if (pud_large(table[i])) {
			seq_putc(d->m, '\n');
			continue;
		}
		show_deposited(d->m, virt_to_page(__va(phys)));
		seq_putc(d->m, '\n');
		dump_pmd_table(d, __va(phys), va);
	}
}

/* The user half: PGD entries 0-255 (the upper half is the kernel's). */
static void dump_pgd(struct ptdump *d, pgd_t *pgd)
{
	for (int i = 0; i < PTRS_PER_PGD / 2; i++) {
		unsigned long va = (unsigned long)i << PGDIR_SHIFT;
		unsigned long phys = pgd_val(pgd[i]) & PTE_PFN_MASK;
		if (!pgd_present(pgd[i]) || !in_range(d, va, PGDIR_SIZE))
			continue;
		seq_printf(d->m, "pgd %d va=%#lx TABLE pfn=%#lx", i, va, phys >> PAGE_SHIFT);
		show_flags(d->m, pgd_val(pgd[i]) & PTE_FLAGS_MASK);
		seq_putc(d->m, '\n');
		dump_pud_table(d, __va(phys), va);
	}
}

/* The VMAs that meet the range, as in /proc/PID/maps plus hg/nh. */
static void dump_vmas(struct ptdump *d, struct mm_struct *mm)
{
	for (struct vm_area_struct *v = mm->mmap; v; v = v->vm_next) {
		unsigned long f = v->vm_flags;
		if (!in_range(d, v->vm_start, v->vm_end - v->vm_start))
			continue;
		seq_printf(d->m, "vma %#lx-%#lx %c%c%c%c%s%s\n", v->vm_start, v->vm_end,
			   f & VM_READ ? 'r' : '-', f & VM_WRITE ? 'w' : '-', f & VM_EXEC ? 'x' : '-',
			   f & VM_MAYSHARE ? 's' : 'p', f & VM_HUGEPAGE ? " hg" : "",
			   f & VM_NOHUGEPAGE ? " nh" : "");
	}
}

/* Holds a reference on t's mm (as task_mmu.c's get_task_mm) and takes
 * mmap_lock for read, then page_table_lock, as smaps does: no entry and no
 * deposit list changes while the tree is printed. */
static int ptdump_show(struct seq_file *m, struct task_struct *t, void *data)
{
	struct ptdump d = { .m = m, .start = 0, .end = TASK_SIZE };
	struct ptdump_range *slot;
	struct mm_struct *mm = t->mm;

	if (!mm)
		return 0;
	atomic_inc(&mm->mm_users);
	spin_lock(&ranges_lock);
	slot = range_slot(t);
	if (slot) {
		d.start = slot->start;
		d.end = slot->end;
	}
	spin_unlock(&ranges_lock);

	seq_printf(m, "ptdump pid=%d comm=%s range=%#lx-%#lx\n", t->pid, t->comm, d.start, d.end);
	mmap_read_lock(mm);
	dump_vmas(&d, mm);
	spin_lock(&mm->page_table_lock);
	dump_pgd(&d, mm->pgd);
	spin_unlock(&mm->page_table_lock);
	mmap_read_unlock(mm);
	mmput(mm);
	return 0;
}

static const struct pseudo_file_ops ptdump_ops = { .show = ptdump_show, .store = ptdump_store };

void proc_ptdump_init(void)
{
	proc_pid_register("ptdump", 0644, &ptdump_ops);
}
