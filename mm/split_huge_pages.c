/*
 * /sys/kernel/debug/split_huge_pages: split THPs on demand, the debugfs file
 * Linux's own THP tests write to (tools/testing/selftests/mm/
 * split_huge_page_test.c). A write of
 *
 *	PID,0xSTART,0xEND	splits every THP mapped in [START, END) of PID
 *	1			splits every THP in the machine
 *
 * The page itself is split (split_huge_page_to_list, as reclaim does), not
 * only one process's PMD: thp_split_page counts each, and the subpages keep
 * their data and mappings. Anything else is -EINVAL; an unknown PID, -ESRCH.
 */
#include <linux/mm.h>
#include <linux/huge_mm.h>
#include <linux/sched.h>
#include <linux/rwsem.h>
#include <linux/fs.h>
#include <linux/errno.h>

/* The page mapped at addr with a reference (Linux's follow_page with
 * FOLL_GET), or NULL: no page, or the zero page. */
static struct page *follow_page(struct vm_area_struct *vma, unsigned long addr)
{
	struct mm_struct *mm = vma->vm_mm;
	pmd_t *pmd = mm_find_pmd(mm, addr);
	struct page *page = NULL;

	if (!pmd)
		return NULL;
	spin_lock(&mm->page_table_lock);
	if (pmd_trans_huge(*pmd)) {
		if (!is_huge_zero_pmd(*pmd))
			page = pmd_page(*pmd) + ((addr & ~HPAGE_PMD_MASK) >> PAGE_SHIFT);
	} else if (!pmd_none(*pmd)) {
		pte_t pte = *pte_offset_map(pmd, addr);
		if (pte_present(pte))
			page = vm_normal_page(vma, addr, pte);
	}
	if (page)
		get_page(page);
	spin_unlock(&mm->page_table_lock);
	return page;
}

/* Split the THPs that PID maps in [start, end); stops at the first address
 * no VMA covers, as Linux does. */
static int split_huge_pages_pid(pid_t pid, unsigned long start, unsigned long end)
{
	struct task_struct *task = find_get_task_by_pid(pid);
	struct mm_struct *mm;
	unsigned long split = 0, total = 0;

	if (!task)
		return -ESRCH;
	preempt_disable();
	mm = task->mm;
	if (mm)
		atomic_inc(&mm->mm_users);
	preempt_enable();
	put_task_struct(task);
	if (!mm)
		return -EINVAL;

	mmap_read_lock(mm);
	for (unsigned long addr = start & PAGE_MASK; addr < (end & PAGE_MASK); addr += PAGE_SIZE) {
		struct vm_area_struct *vma = find_vma(mm, addr);
		struct page *page;

		if (!vma || vma->vm_start > addr)
			break;
		page = follow_page(vma, addr);
		if (!page)
			continue;
		if (PageTransHuge(compound_head(page))) {
			total++;
			if (!split_huge_page_to_list(page, NULL))
				split++;
		}
		put_page(page);
		cond_resched();
	}
	mmap_read_unlock(mm);
	mmput(mm);
	printk(KERN_DEBUG "split_huge_pages: pid %d: %lu of %lu THP split\n", pid, split, total);
	return 0;
}

/* Every THP that a process maps (anonymous THPs are split through rmap). */
static void split_huge_pages_all(void)
{
	unsigned long split = 0, total = 0;

	for (unsigned long pfn = 0; pfn < max_pfn; pfn++) {
		struct page *page = pfn_to_page(pfn);
		bool pinned = false;

		/* look and pin with preemption off: no one frees it in between */
		preempt_disable();
		if (PageHead(page) && PageTransHuge(page) && page_ref_count(page) > 0 && page_mapped(page)) {
			get_page(page);
			pinned = true;
		}
		preempt_enable();
		if (!pinned)
			continue;
		total++;
		if (!split_huge_page_to_list(page, NULL))
			split++;
		put_page(page);
		pfn += HPAGE_PMD_NR - 1;
		cond_resched();
	}
	printk(KERN_DEBUG "split_huge_pages: %lu of %lu THP split\n", split, total);
}

/* "%d,0x%lx,0x%lx" as Linux's sscanf reads it: returns how many fields matched. */
static int parse_request(const char *s, long *pid, unsigned long *start, unsigned long *end)
{
	char *e;
	int sign = 1;

	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	if (*s == '-' || *s == '+')
		sign = *s++ == '-' ? -1 : 1;
	if (*s < '0' || *s > '9')
		return 0;
	*pid = sign * (long)simple_strtoul(s, &e, 10);
	if (e[0] != ',' || e[1] != '0' || (e[2] != 'x' && e[2] != 'X'))
		return 1;
	s = e + 3;
	*start = simple_strtoul(s, &e, 16);
	if (e == s)
		return 1;
	if (e[0] != ',' || e[1] != '0' || (e[2] != 'x' && e[2] != 'X'))
		return 2;
	s = e + 3;
	*end = simple_strtoul(s, &e, 16);
	return e == s ? 2 : 3;
}

static int split_huge_pages_store(struct task_struct *t, void *data, const char *buf, size_t len)
{
	unsigned long start = 0, end = 0;
	long pid = 0;
	int n;

	if (buf[0] == '/')
		return -EINVAL;		/* file THPs: there is no page cache here */
	n = parse_request(buf, &pid, &start, &end);
	if (n == 1 && pid == 1) {
		split_huge_pages_all();
		return 0;
	}
	if (n != 3 || pid <= 0 || pid > 0x7fffffff)
		return n == 3 && pid <= 0 ? -ESRCH : -EINVAL;
	return split_huge_pages_pid(pid, start, end);
}

static const struct pseudo_file_ops split_huge_pages_ops = { .store = split_huge_pages_store };

void split_huge_pages_init(void)
{
	sysfs_create("kernel/debug/split_huge_pages", 0200, &split_huge_pages_ops, NULL);
}
