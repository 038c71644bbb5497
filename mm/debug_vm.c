/* Kernel self-checks of the memory manager (the test boot reads them after
 * every test through /sys/kernel/debug/thp/check; ours, like Linux's
 * CONFIG_DEBUG_VM checks):
 *  - the buddy free lists are consistent with NR_FREE_PAGES;
 *  - every mm's VMA list and tree agree, and every VMA's rb_subtree_gap
 *    is right (get_unmapped_area trusts it to skip whole subtrees);
 *  - every PMD table holds exactly one deposited PTE table per huge PMD,
 *    and the total equals nr_pgtable_deposited;
 *  - every page's map counts equal the page-table entries that map it
 *    (compound_mapcount for huge PMDs, _mapcount for PTEs), its reference
 *    count is at least that, and no anonymous page is left allocated with
 *    no mapping (a leak).
 * The check runs with preemption off, so it sees one consistent moment. */
#include <linux/mm.h>
#include <linux/huge_mm.h>
#include <linux/sched.h>
#include <linux/fs.h>
#include <linux/slab.h>

int check_free_lists(void);

struct vm_check {
	struct seq_file *m;
	int problems;
	u32 *pte_maps;		/* per pfn: PTEs mapping it */
	u32 *pmd_maps;		/* per pfn (THP heads): huge PMDs mapping it */
	long deposited;
};

#define report(c, fmt, ...) do { if ((c)->problems++ < 20) \
	seq_printf((c)->m, fmt "\n", ##__VA_ARGS__); } while (0)

static void check_pmd_table(struct vm_check *c, struct mm_struct *mm, pmd_t *pmd_table)
{
	long huge = 0, deposited = 0;
	struct page *pt = virt_to_page(pmd_table);

	for (int i = 0; i < PTRS_PER_PMD; i++) {
		pmd_t pmd = pmd_table[i];
		if (pmd_none(pmd))
			continue;
		if (pmd_trans_huge(pmd)) {
			huge++;
			if (!is_huge_zero_pmd(pmd))
				c->pmd_maps[pmd_pfn(pmd)]++;
			continue;
		}
		pte_t *pte = __va(pmd_table_phys(pmd));
		for (int j = 0; j < PTRS_PER_PTE; j++) {
			if (!pte_present(pte[j]) || is_zero_pfn(pte_pfn(pte[j])))
				continue;
			if (pte_pfn(pte[j]) >= max_pfn)
				report(c, "pid %d: PTE maps pfn %#lx beyond memory", mm->owner ? mm->owner->pid : 0, pte_pfn(pte[j]));
			else
				c->pte_maps[pte_pfn(pte[j])]++;
		}
	}
	if (pt->pmd_huge_pte) {
		struct page *p = pt->pmd_huge_pte;
		deposited = 1;
		for (struct list_head *l = p->lru.next; l != &p->lru && deposited < 1000; l = l->next)
			deposited++;
	}
	if (deposited != huge)
		report(c, "PMD table pfn %#lx: %ld huge PMDs but %ld deposited PTE tables",
		       page_to_pfn(pt), huge, deposited);
	c->deposited += deposited;
}

static void check_mm(struct vm_check *c, struct mm_struct *mm)
{
	if (validate_mm(mm))
		report(c, "mm of pid %d: VMA list and tree disagree", mm->owner ? mm->owner->pid : 0);
	int bad_gaps = validate_mm_rb(mm);
	if (bad_gaps)
		report(c, "mm of pid %d: rb_subtree_gap wrong at %d VMAs", mm->owner ? mm->owner->pid : 0, bad_gaps);
	for (int i = 0; i < PTRS_PER_PGD / 2; i++) {
		pgd_t pgd = mm->pgd[i];
		if (!pgd_present(pgd))
			continue;
		pud_t *pud = __va(pgd_val(pgd) & PTE_PFN_MASK);
		for (int j = 0; j < PTRS_PER_PUD; j++)
			if (pud_present(pud[j]))
				check_pmd_table(c, mm, __va(pud_val(pud[j]) & PTE_PFN_MASK));
	}
}

static void check_pages(struct vm_check *c)
{
	for (unsigned long pfn = 0; pfn < max_pfn; pfn++) {
		struct page *page = pfn_to_page(pfn);
		if (PageBuddy(page) || PageReserved(page) || PageSlab(page) || PageTable(page))
			continue;
		int ptes = atomic_read(&page->_mapcount) + 1;
		if (ptes != (int)c->pte_maps[pfn])
			report(c, "pfn %#lx: _mapcount says %d PTE mappings, page tables have %u",
			       pfn, ptes, c->pte_maps[pfn]);
		if (PageHead(page) && PageTransHuge(page)) {
			int pmds = compound_mapcount(page);
			if (pmds != (int)c->pmd_maps[pfn])
				report(c, "THP pfn %#lx: compound_mapcount %d, huge PMDs %u", pfn, pmds,
				       c->pmd_maps[pfn]);
		}
		if (PageTail(page))
			continue;
		if (!PageAnon(page))
			continue;
		int maps = total_mapcount(page), refs = page_ref_count(page);
		if (refs < maps)
			report(c, "pfn %#lx: %d references but %d mappings", pfn, refs, maps);
		if (maps == 0 && refs > 0 && !page_on_deferred_split_queue(page))
			report(c, "pfn %#lx: anonymous page with %d references and no mapping (leak)", pfn, refs);
	}
}

static int check_show(struct seq_file *m, struct task_struct *t, void *data)
{
	struct vm_check c = { .m = m };
	unsigned int order = 0;
	while ((PAGE_SIZE << order) < max_pfn * sizeof(u32))
		order++;
	c.pte_maps = (u32 *)__get_free_pages(GFP_KERNEL | __GFP_ZERO, order);
	c.pmd_maps = (u32 *)__get_free_pages(GFP_KERNEL | __GFP_ZERO, order);
	if (!c.pte_maps || !c.pmd_maps) {
		seq_puts(m, "no memory for the check\n");
		goto out;
	}
	preempt_disable();
	if (check_free_lists())
		report(&c, "buddy free lists inconsistent (details on the console)");
	struct mm_struct *mm;
	list_for_each_entry(mm, &mm_list, mmlist)
		check_mm(&c, mm);
	if (c.deposited != global_node_page_state(NR_PGTABLE_DEPOSITED))
		report(&c, "deposited PTE tables found %ld, nr_pgtable_deposited says %ld",
		       c.deposited, global_node_page_state(NR_PGTABLE_DEPOSITED));
	check_pages(&c);
	preempt_enable();
	if (!c.problems)
		seq_puts(m, "ok\n");
	else if (c.problems > 20)
		seq_printf(m, "... %d problems in all\n", c.problems);
out:
	free_pages((unsigned long)c.pte_maps, order);
	free_pages((unsigned long)c.pmd_maps, order);
	return 0;
}

static const struct pseudo_file_ops check_ops = { .show = check_show };

void debug_vm_init(void)
{
	sysfs_create("kernel/debug/thp/check", 0444, &check_ops, NULL);
}
