/* Reservation-based superpages and promotion in place: FreeBSD's design
 * (Navarro, Iyer, Druschel, Cox, OSDI 2002; FreeBSD's vm/vm_reserv.c and
 * pmap_promote_pde), as a second THP policy of this kernel (ours).
 *
 * With thp_policy=reserve, the first write fault in an empty, THP-eligible
 * 2 MiB range does not allocate a THP. It *reserves* an aligned 2 MiB block
 * (an order-9 buddy block, not yet a compound page) and maps one 4 KiB page
 * of it: the page whose offset in the block is the address's offset in the
 * range. Each later fault in the range takes its own page of the block the
 * same way, zeroing just that page. When the last of the 512 is mapped, the
 * range's PTEs map the block in order, so promote_huge_pmd can turn the 512
 * pages into one compound THP and the PTE table into one huge PMD where they
 * are: nothing is copied (Linux's khugepaged copies 512 pages into a new
 * THP). The emptied PTE table is deposited, as for any huge PMD.
 *
 * A reservation holds its unused pages: memory that is neither free nor
 * mapped. Under memory pressure the shrinker (mm/vmscan.c) breaks the least
 * recently used ones and gives their unused pages back to the buddy
 * allocator; the mapped pages stay, as ordinary 4 KiB pages. A process's
 * reservations are given back when its mm goes (vm_reserv_exit_mm).
 *
 * Locking: reserv_lock guards the list and every reservation's map; the
 * promotion runs under the mm's page_table_lock with mmap_lock held, like a
 * fault. */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/mm.h>
#include <linux/rmap.h>
#include <linux/huge_mm.h>
#include <linux/slab.h>
#include <linux/fs.h>
#include <linux/errno.h>
#include <linux/thp_insight.h>
#include <linux/vm_reserv.h>
#include <asm/processor.h>

int thp_policy = THP_POLICY_LINUX;

#define MAP_LONGS (HPAGE_PMD_NR / (8 * sizeof(long)))

/* One reserved 2 MiB block, for the range at haddr of mm. */
struct vm_reserv {
	struct list_head list;		/* on reservs, most recently used first */
	struct mm_struct *mm;
	unsigned long haddr;
	struct page *pages;		/* the aligned block: pages[i] is for haddr + i * 4 KiB */
	int popcnt;			/* pages handed out */
	unsigned long popmap[MAP_LONGS];	/* which */
};

static LIST_HEAD(reservs);
static unsigned long nr_reservs;
static DEFINE_SPINLOCK(reserv_lock);

/* The reservation of mm's range at haddr, moved to the front. Lock held. */
static struct vm_reserv *reserv_find(struct mm_struct *mm, unsigned long haddr)
{
	struct vm_reserv *rv;

	list_for_each_entry(rv, &reservs, list)
		if (rv->mm == mm && rv->haddr == haddr) {
			list_del(&rv->list);
			list_add(&rv->list, &reservs);
			return rv;
		}
	return NULL;
}

/* Hand out page idx of rv, or NULL if it was handed out before (and maybe
 * freed since: a freed page goes back to the buddy allocator, not here).
 * Lock held. A full reservation leaves the list (*full): it holds nothing. */
static struct page *reserv_take(struct vm_reserv *rv, int idx, bool *full)
{
	unsigned long *word = &rv->popmap[idx / (8 * sizeof(long))];
	unsigned long bit = BIT(idx % (8 * sizeof(long)));
	struct page *page = NULL;

	if (!(*word & bit)) {
		*word |= bit;
		page = rv->pages + idx;
		set_page_count(page, 1);
		rv->popcnt++;
	}
	*full = rv->popcnt == HPAGE_PMD_NR;
	if (*full) {
		list_del(&rv->list);
		nr_reservs--;
	}
	return page;
}

/* Give the pages rv never handed out back to the buddy allocator. Returns
 * how many. rv is off the list. */
static int reserv_free_unused(struct vm_reserv *rv)
{
	int freed = 0;

	for (int i = 0; i < HPAGE_PMD_NR; i++)
		if (!test_bit(i % (8 * sizeof(long)), &rv->popmap[i / (8 * sizeof(long))])) {
			set_page_count(rv->pages + i, 1);
			__free_pages(rv->pages + i, 0);
			freed++;
		}
	return freed;
}

/* No page of this range is mapped yet (the zero page does not count): a
 * reservation can cover all of it. FreeBSD asks the same of the object's
 * neighbouring pages. */
static bool range_is_empty(pmd_t *pmd, unsigned long haddr)
{
	pte_t *pte = pte_offset_map(pmd, haddr);

	for (int i = 0; i < HPAGE_PMD_NR; i++)
		if (!pte_none(pte[i]) && !(pte_present(pte[i]) && is_zero_pfn(pte_pfn(pte[i]))))
			return false;
	return true;
}

/* Reserve a 2 MiB block for the range at haddr, unless memory is short (no
 * reclaim for a reservation: the fault then takes an ordinary page). */
static struct vm_reserv *reserv_create(struct vm_area_struct *vma, unsigned long haddr)
{
	struct vm_reserv *rv = kzalloc(sizeof(*rv), GFP_KERNEL);

	if (!rv)
		return NULL;
	rv->pages = alloc_pages(__GFP_NOWARN | __GFP_NORETRY, HPAGE_PMD_ORDER);
	if (!rv->pages) {
		kfree(rv);
		return NULL;
	}
	set_page_count(rv->pages, 0);		/* every page is "not handed out" */
	rv->mm = vma->vm_mm;
	rv->haddr = haddr;
	count_vm_event(THP_RESERV_ALLOC);
	khugepaged_enter_vma(vma, vma->vm_flags);	/* as a THP fault would */
	return rv;
}

/* The reservation's page for vmf->address, zeroed, or NULL (no reservation
 * applies, or the page at that offset was handed out before). */
static struct page *vm_reserv_alloc_page(struct vm_fault *vmf, bool *promote)
{
	struct vm_area_struct *vma = vmf->vma;
	unsigned long haddr = vmf->address & HPAGE_PMD_MASK;
	int idx = (vmf->address - haddr) >> PAGE_SHIFT;
	struct vm_reserv *rv, *fresh = NULL;
	struct page *page = NULL;
	bool full = false;

	if (thp_policy != THP_POLICY_RESERVE || !transhuge_vma_suitable(vma, haddr) ||
	    !hugepage_vma_check(vma, vma->vm_flags, false, true, true))
		return NULL;
	spin_lock(&reserv_lock);
	rv = reserv_find(vma->vm_mm, haddr);
	if (rv)
		page = reserv_take(rv, idx, &full);
	spin_unlock(&reserv_lock);
	if (!rv) {
		if (!range_is_empty(vmf->pmd, haddr) || !(fresh = reserv_create(vma, haddr)))
			return NULL;
		spin_lock(&reserv_lock);
		rv = reserv_find(vma->vm_mm, haddr);	/* made by another thread meanwhile? */
		if (!rv) {
			list_add(&fresh->list, &reservs);
			nr_reservs++;
			rv = fresh;
			fresh = NULL;
		}
		page = reserv_take(rv, idx, &full);
		spin_unlock(&reserv_lock);
		if (fresh) {
			reserv_free_unused(fresh);
			kfree(fresh);
		}
	}
	if (full)
		kfree(rv);
	*promote = full;
	if (page)
		clear_page(page_address(page));
	return page;
}

struct page *alloc_anon_page(struct vm_fault *vmf, bool *promote)
{
	struct page *page = vm_reserv_alloc_page(vmf, promote);

	return page ? page : alloc_page(GFP_HIGHUSER_MOVABLE | __GFP_ZERO);
}

/* --- promotion in place ------------------------------------------------------- */

/* The PTE bits that must be equal in all 512 entries (the accessed and dirty
 * bits are merged instead). */
#define PROMOTE_SAME_BITS (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_PWT | _PAGE_PCD | \
			   _PAGE_GLOBAL | _PAGE_NX)

/* Do the 512 PTEs at pte map the block at head in order, with the same
 * rights, each page an anonymous page of this range mapped by this PTE
 * alone (no other process, no pin)? page_table_lock held. */
static bool promotable(pte_t *pte, struct page *head)
{
	unsigned long same = pte_val(pte[0]) & PROMOTE_SAME_BITS;

	for (int i = 0; i < HPAGE_PMD_NR; i++) {
		struct page *p = head + i;
		if (!pte_present(pte[i]) || pte_protnone(pte[i]) ||
		    pte_pfn(pte[i]) != page_to_pfn(head) + i ||
		    (pte_val(pte[i]) & PROMOTE_SAME_BITS) != same)
			return false;
		if (PageCompound(p) || !PageAnon(p) || p->mapping != head->mapping ||
		    p->index != head->index + i || page_count(p) != 1 || page_mapcount(p) != 1)
			return false;
	}
	return true;
}

bool promote_huge_pmd(struct vm_area_struct *vma, pmd_t *pmd, unsigned long address)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long haddr = address & HPAGE_PMD_MASK, ad = 0;
	u64 t0 = ktime_get_ns();
	struct page *head;
	pmd_t old, entry;
	pte_t *pte;

	if (!transhuge_vma_suitable(vma, haddr))
		return false;
	spin_lock(&mm->page_table_lock);
	old = *pmd;
	if (pmd_none(old) || pmd_trans_huge(old))
		goto fail;
	pte = pte_offset_map(pmd, haddr);
	if (!pte_present(pte[0]) || (pte_pfn(pte[0]) & (HPAGE_PMD_NR - 1)) || !pfn_valid(pte_pfn(pte[0])))
		goto fail;
	head = pfn_to_page(pte_pfn(pte[0]));
	if (!promotable(pte, head))
		goto fail;

	/* the 4 KiB translations go first (Linux's collapse does the same) */
	pmd_clear(pmd);
	flush_tlb_range(vma, haddr, haddr + HPAGE_PMD_SIZE);
	entry = mk_huge_pmd(head, __pgprot(pte_val(pte[0]) & PTE_FLAGS_MASK &
					   ~(_PAGE_ACCESSED | _PAGE_DIRTY)));
	for (int i = 0; i < HPAGE_PMD_NR; i++) {
		ad |= pte_val(pte[i]) & (_PAGE_ACCESSED | _PAGE_DIRTY);
		pte_clear(&pte[i]);
		/* 512 PTE mappings and references become one PMD mapping and one
		 * reference on the head: NR_ANON_MAPPED stays 512, RSS stays */
		atomic_set(&head[i]._mapcount, -1);
		if (i) {
			set_page_count(head + i, 0);
			head[i].flags = 0;
		}
	}
	prep_compound_page(head, HPAGE_PMD_ORDER);
	prep_transhuge_page(head);
	atomic_set(compound_mapcount_ptr(head), 0);
	mod_node_page_state(NR_ANON_THPS, 1);
	pgtable_trans_huge_deposit(mm, pmd, pfn_to_page(pmd_table_phys(old) >> PAGE_SHIFT));
	set_pmd_at(mm, haddr, pmd, __pmd(pmd_val(entry) | ad));
	spin_unlock(&mm->page_table_lock);

	count_vm_event(THP_PROMOTE);
	count_vm_events(THP_PROMOTE_COPIES_AVOIDED, HPAGE_PMD_NR);
	thp_latency_add(THP_LAT_PROMOTE, t0);
	thp_event(THP_EV_PROMOTE, thp_mm_pid(mm), haddr, page_to_pfn(head), 0, ktime_get_ns() - t0);
	return true;
fail:
	spin_unlock(&mm->page_table_lock);
	count_vm_event(THP_PROMOTE_FAILED);
	return false;
}

/* --- giving reservations back ----------------------------------------------------- */

bool vm_reserv_pending(struct mm_struct *mm, unsigned long address)
{
	struct vm_reserv *rv;
	bool found = false;

	spin_lock(&reserv_lock);
	list_for_each_entry(rv, &reservs, list)
		if (rv->mm == mm && rv->haddr == (address & HPAGE_PMD_MASK)) {
			found = true;
			break;
		}
	spin_unlock(&reserv_lock);
	return found;
}

void vm_reserv_release(struct mm_struct *mm, unsigned long address)
{
	struct vm_reserv *rv;

	spin_lock(&reserv_lock);
	list_for_each_entry(rv, &reservs, list)
		if (rv->mm == mm && rv->haddr == (address & HPAGE_PMD_MASK)) {
			list_del(&rv->list);
			nr_reservs--;
			spin_unlock(&reserv_lock);
			reserv_free_unused(rv);
			kfree(rv);
			return;
		}
	spin_unlock(&reserv_lock);
}

void vm_reserv_exit_mm(struct mm_struct *mm)
{
	struct vm_reserv *rv, *next;
	LIST_HEAD(gone);

	spin_lock(&reserv_lock);
	list_for_each_entry_safe(rv, next, &reservs, list)
		if (rv->mm == mm) {
			list_del(&rv->list);
			list_add(&rv->list, &gone);
			nr_reservs--;
		}
	spin_unlock(&reserv_lock);
	list_for_each_entry_safe(rv, next, &gone, list) {
		reserv_free_unused(rv);
		kfree(rv);
	}
}

unsigned long vm_reserv_count(void)
{
	return READ_ONCE(nr_reservs);
}

/* Break up to nr reservations, least recently used first: their unused
 * pages go back to the buddy allocator, their used pages stay mapped as
 * ordinary pages (the range can no longer be promoted in place; khugepaged
 * may still collapse it). Returns the number broken. */
unsigned long vm_reserv_scan(unsigned long nr)
{
	unsigned long broken = 0;

	while (nr--) {
		struct vm_reserv *rv = NULL;
		int pid = -1;

		spin_lock(&reserv_lock);
		if (!list_empty(&reservs)) {
			rv = list_entry(reservs.prev, struct vm_reserv, list);
			list_del(&rv->list);
			nr_reservs--;
			pid = thp_mm_pid(rv->mm);
		}
		spin_unlock(&reserv_lock);
		if (!rv)
			break;
		int freed = reserv_free_unused(rv);
		count_vm_event(THP_RESERV_BROKEN);
		thp_event(THP_EV_RESERV_BREAK, pid, rv->haddr, page_to_pfn(rv->pages), freed, 0);
		kfree(rv);
		broken++;
	}
	return broken;
}

/* --- thp_policy: the command line and /sys/kernel/mm/transparent_hugepage/thp_policy --- */

static const char *const policy_names[] = { "linux", "reserve" };

int thp_set_policy(const char *name)
{
	size_t len = strlen(name);

	if (len && name[len - 1] == '\n')
		len--;
	for (int i = 0; i < 2; i++)
		if (strlen(policy_names[i]) == len && !strncmp(name, policy_names[i], len)) {
			thp_policy = i;
			return 0;
		}
	return -EINVAL;
}

static int policy_show(struct seq_file *m, struct task_struct *t, void *data)
{
	for (int i = 0; i < 2; i++)
		seq_printf(m, i == thp_policy ? "[%s]%s" : "%s%s", policy_names[i], i ? "\n" : " ");
	return 0;
}

static int policy_store(struct task_struct *t, void *data, const char *buf, size_t len)
{
	return thp_set_policy(buf);
}

static const struct pseudo_file_ops policy_ops = { .show = policy_show, .store = policy_store };

void vm_reserv_init(void)
{
	sysfs_create("kernel/mm/transparent_hugepage/thp_policy", 0644, &policy_ops, NULL);
}
