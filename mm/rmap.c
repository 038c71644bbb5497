/* Reverse mapping of anonymous pages, and the map counts of struct page.
 *
 * anon_vma: a fork tree's way back from a page to the VMAs that may map it.
 *   process A's VMA ---chain--- anon_vma A  <--- page->mapping (A's pages)
 *   after fork, B's copy of the VMA gets a chain to anon_vma A (it maps A's
 *   pages too, copy-on-write) and its own anon_vma B for the pages it
 *   creates later. rmap_walk(page) searches every VMA chained to the page's
 *   anon_vma; page->index says where in each VMA the page would be.
 *
 * Map counts: a 4 KiB page's _mapcount is (number of PTEs mapping it) - 1.
 * A THP's head keeps compound_mapcount = (number of huge PMDs mapping it) - 1,
 * and each subpage's _mapcount counts the PTEs mapping that subpage (after a
 * PMD split). NR_ANON_MAPPED counts pages mapped at all; NR_ANON_THPS counts
 * THPs mapped by at least one PMD (what AnonHugePages shows). */
#include <linux/rmap.h>
#include <linux/huge_mm.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/errno.h>

static struct anon_vma *anon_vma_alloc(void)
{
	struct anon_vma *av = kzalloc(sizeof(*av), GFP_KERNEL);
	if (!av)
		return NULL;
	av->root = av;
	init_rwsem(&av->rwsem);
	atomic_set(&av->refcount, 1);
	INIT_LIST_HEAD(&av->head);
	return av;
}

void get_anon_vma(struct anon_vma *av)
{
	atomic_inc(&av->refcount);
}

/* Drop a reference; the last one frees it and drops its parent's. The root
 * needs no reference of its own: every anon_vma of the tree holds its
 * parent, so the root lives as long as any of them. */
void put_anon_vma(struct anon_vma *av)
{
	while (av && atomic_dec_and_test(&av->refcount)) {
		struct anon_vma *parent = av->parent;
		kfree(av);
		av = parent;
	}
}

void anon_vma_lock_write(struct anon_vma *av) { down_write(&av->root->rwsem); }
void anon_vma_unlock_write(struct anon_vma *av) { up_write(&av->root->rwsem); }
void anon_vma_lock_read(struct anon_vma *av) { down_read(&av->root->rwsem); }
void anon_vma_unlock_read(struct anon_vma *av) { up_read(&av->root->rwsem); }

/* Chain vma to av (each chain holds a reference on av). */
static int anon_vma_chain_link(struct vm_area_struct *vma, struct anon_vma *av)
{
	struct anon_vma_chain *avc = kmalloc(sizeof(*avc), GFP_KERNEL);
	if (!avc)
		return -ENOMEM;
	avc->vma = vma;
	avc->anon_vma = av;
	get_anon_vma(av);
	list_add(&avc->same_vma, &vma->anon_vma_chain);
	anon_vma_lock_write(av);
	list_add_tail(&avc->same_anon_vma, &av->head);
	anon_vma_unlock_write(av);
	return 0;
}

/* Give vma an anon_vma before its first anonymous page is created. */
int anon_vma_prepare(struct vm_area_struct *vma)
{
	struct anon_vma *av;

	if (vma->anon_vma)
		return 0;
	av = anon_vma_alloc();
	if (!av)
		return -ENOMEM;
	if (anon_vma_chain_link(vma, av)) {
		put_anon_vma(av);
		return -ENOMEM;
	}
	vma->anon_vma = av;
	put_anon_vma(av);		/* the chain holds it now */
	return 0;
}

/* dst (a piece of src after a split, or a copy at fork) may map every page
 * src may map: give it a chain to each of src's anon_vmas. */
int anon_vma_clone(struct vm_area_struct *dst, struct vm_area_struct *src)
{
	struct anon_vma_chain *avc;

	/* walk in reverse so that dst's list keeps src's order */
	for (struct list_head *l = src->anon_vma_chain.prev; l != &src->anon_vma_chain; l = l->prev) {
		avc = list_entry(l, struct anon_vma_chain, same_vma);
		if (anon_vma_chain_link(dst, avc->anon_vma)) {
			unlink_anon_vmas(dst);
			return -ENOMEM;
		}
	}
	return 0;
}

/* At fork: the child's vma shares the parent's anon_vmas (it maps the same
 * pages, copy-on-write) and gets one of its own for pages it creates. */
int anon_vma_fork(struct vm_area_struct *vma, struct vm_area_struct *pvma)
{
	struct anon_vma *av;

	vma->anon_vma = NULL;
	if (!pvma->anon_vma)
		return 0;
	if (anon_vma_clone(vma, pvma))
		return -ENOMEM;
	av = anon_vma_alloc();
	if (!av)
		goto enomem;
	av->root = pvma->anon_vma->root;
	av->parent = pvma->anon_vma;
	get_anon_vma(av->parent);	/* and through it, the root */
	if (anon_vma_chain_link(vma, av)) {
		put_anon_vma(av);
		goto enomem;
	}
	vma->anon_vma = av;
	put_anon_vma(av);
	return 0;
enomem:
	unlink_anon_vmas(vma);
	return -ENOMEM;
}

/* Remove all of vma's chains (the VMA is going away). */
void unlink_anon_vmas(struct vm_area_struct *vma)
{
	struct anon_vma_chain *avc, *next;

	list_for_each_entry_safe(avc, next, &vma->anon_vma_chain, same_vma) {
		struct anon_vma *av = avc->anon_vma;
		anon_vma_lock_write(av);
		list_del(&avc->same_anon_vma);
		anon_vma_unlock_write(av);
		list_del(&avc->same_vma);
		kfree(avc);
		put_anon_vma(av);
	}
	vma->anon_vma = NULL;
}

/* Where page would be mapped in vma (if vma covers it). */
unsigned long vma_address(struct page *page, struct vm_area_struct *vma)
{
	unsigned long index = compound_head(page)->index;
	if (PageTail(page))
		index += page - compound_head(page);
	return vma->vm_start + ((index - vma->vm_pgoff) << PAGE_SHIFT);
}

/* Call rwc->rmap_one for every VMA that may map page, with the address the
 * page would have there (the callee checks the page tables). The anon_vma
 * lock is held for read, so no VMA can join or leave the list meanwhile. */
static void rmap_walk_anon(struct page *page, struct rmap_walk_control *rwc, bool locked)
{
	struct anon_vma *av = page_anon_vma(page);
	struct anon_vma_chain *avc;
	struct page *head = compound_head(page);
	unsigned long nr = compound_nr(head);

	if (!av)
		return;
	if (!locked)
		anon_vma_lock_read(av);
	list_for_each_entry(avc, &av->head, same_anon_vma) {
		struct vm_area_struct *vma = avc->vma;
		unsigned long addr = vma_address(head, vma);
		/* a THP may be partly inside the VMA: it counts if any part is */
		if (addr + nr * PAGE_SIZE <= vma->vm_start || addr >= vma->vm_end)
			continue;
		if (!rwc->rmap_one(head, vma, addr, rwc->arg))
			break;
	}
	if (!locked)
		anon_vma_unlock_read(av);
}

void rmap_walk(struct page *page, struct rmap_walk_control *rwc)
{
	rmap_walk_anon(page, rwc, false);
}

/* The same walk by a caller that holds the anon_vma lock already. */
void rmap_walk_locked(struct page *page, struct rmap_walk_control *rwc)
{
	rmap_walk_anon(page, rwc, true);
}

/* --- map counts --------------------------------------------------------- */

/* The whole THP gains its first / loses its last huge-PMD mapping: every
 * subpage not also mapped by a PTE changes between mapped and unmapped. */
static long thp_pages_not_pte_mapped(struct page *head)
{
	long n = 0;
	for (int i = 0; i < HPAGE_PMD_NR; i++)
		if (atomic_read(&head[i]._mapcount) < 0)
			n++;
	return n;
}

static void __page_set_anon_rmap(struct page *page, struct vm_area_struct *vma,
				 unsigned long address)
{
	page = compound_head(page);
	page->mapping = (void *)((unsigned long)vma->anon_vma | PAGE_MAPPING_ANON);
	page->index = linear_page_index(vma, address & (PageHead(page) ? HPAGE_PMD_MASK : PAGE_MASK));
}

/* A page just allocated for vma at address: its first mapping. */
void page_add_new_anon_rmap(struct page *page, struct vm_area_struct *vma,
			    unsigned long address, bool compound)
{
	SetPageSwapBacked(page);
	if (compound) {
		atomic_set(compound_mapcount_ptr(page), 0);
		mod_node_page_state(NR_ANON_THPS, 1);
		mod_node_page_state(NR_ANON_MAPPED, HPAGE_PMD_NR);
	} else {
		atomic_set(&page->_mapcount, 0);
		mod_node_page_state(NR_ANON_MAPPED, 1);
	}
	__page_set_anon_rmap(page, vma, address);
}

/* One more mapping of an existing anonymous page (fork, collapse, split). */
void page_dup_rmap(struct page *page, bool compound)
{
	if (!PageAnon(page)) {
		atomic_inc(&page->_mapcount);
		return;
	}
	if (compound) {
		struct page *head = page;
		if (atomic_read(compound_mapcount_ptr(head)) == -1) {
			mod_node_page_state(NR_ANON_THPS, 1);
			mod_node_page_state(NR_ANON_MAPPED, thp_pages_not_pte_mapped(head));
		}
		atomic_inc(compound_mapcount_ptr(head));
	} else {
		if (atomic_inc_and_test(&page->_mapcount) &&
		    !(PageCompound(page) && compound_mapcount(page) > 0))
			mod_node_page_state(NR_ANON_MAPPED, 1);
	}
}

void page_add_anon_rmap(struct page *page, struct vm_area_struct *vma,
			unsigned long address, bool compound)
{
	page_dup_rmap(page, compound);
}

/* A mapping of page went away (zap, COW, split). When a THP ends up mapped
 * only in part, it is queued for splitting so that reclaim can free the
 * unmapped part (deferred split, mm/huge_memory.c). */
void page_remove_rmap(struct page *page, struct vm_area_struct *vma, bool compound)
{
	if (!PageAnon(page)) {		/* shared anonymous memory (mm/shmem.c) */
		atomic_dec(&page->_mapcount);
		return;
	}
	if (compound) {
		struct page *head = page;
		if (!atomic_add_negative(-1, compound_mapcount_ptr(head)))
			return;
		/* the last huge mapping went */
		long unmapped = thp_pages_not_pte_mapped(head);
		mod_node_page_state(NR_ANON_THPS, -1);
		mod_node_page_state(NR_ANON_MAPPED, -unmapped);
		if (unmapped && unmapped < HPAGE_PMD_NR)
			deferred_split_huge_page(head);
		return;
	}
	if (!atomic_add_negative(-1, &page->_mapcount))
		return;
	if (!PageCompound(page)) {
		mod_node_page_state(NR_ANON_MAPPED, -1);
		return;
	}
	/* still mapped through a huge PMD somewhere: mapped all the same */
	if (compound_mapcount(page) == 0)
		mod_node_page_state(NR_ANON_MAPPED, -1);
	/* a subpage lost its last PTE: the THP may be worth splitting (Linux
	 * queues it even while another process maps it whole by PMD) */
	deferred_split_huge_page(compound_head(page));
}

/* Mappings of a page: its PTE maps plus, for a THP, one per huge PMD for
 * every subpage (what Linux's total_mapcount returns for the head). */
int total_mapcount(struct page *head)
{
	int n;
	if (!PageCompound(head))
		return atomic_read(&head->_mapcount) + 1;
	head = compound_head(head);
	n = compound_mapcount(head);
	for (unsigned long i = 0; i < compound_nr(head); i++)
		n += atomic_read(&head[i]._mapcount) + 1;
	return n;
}

bool page_mapped(struct page *page)
{
	return total_mapcount(compound_head(page)) > 0;
}
