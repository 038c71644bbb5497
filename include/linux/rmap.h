/* Reverse mapping of anonymous pages (mm/rmap.c): from a page, find every
 * page-table entry that maps it. Linux's design: each anonymous page points
 * (page->mapping) at an anon_vma; each anon_vma lists, through
 * anon_vma_chains, every VMA that may map its pages (the VMA that created
 * them and its copies in forked children); page->index gives the page's
 * address in each of them. */
#ifndef _LINUX_RMAP_H
#define _LINUX_RMAP_H

#include <linux/mm.h>

struct anon_vma {
	struct anon_vma *root;		/* the first anon_vma of this fork tree: its lock covers all */
	struct rw_semaphore rwsem;	/* root's: writers change chains, rmap_walk reads */
	atomic_t refcount;		/* one per chain and per child anon_vma, + temporary pins */
	struct anon_vma *parent;
	struct list_head head;		/* anon_vma_chains: the VMAs to search */
};

/* One link between a VMA and an anon_vma whose pages it may map. */
struct anon_vma_chain {
	struct vm_area_struct *vma;
	struct anon_vma *anon_vma;
	struct list_head same_vma;	/* in vma->anon_vma_chain */
	struct list_head same_anon_vma;	/* in anon_vma->head */
};

int anon_vma_prepare(struct vm_area_struct *vma);
int anon_vma_clone(struct vm_area_struct *dst, struct vm_area_struct *src);
int anon_vma_fork(struct vm_area_struct *vma, struct vm_area_struct *pvma);
void unlink_anon_vmas(struct vm_area_struct *vma);
void get_anon_vma(struct anon_vma *av);
void put_anon_vma(struct anon_vma *av);

static inline struct anon_vma *page_anon_vma(struct page *page)
{
	page = compound_head(page);
	if (!PageAnon(page))
		return NULL;
	return (struct anon_vma *)((unsigned long)page->mapping - PAGE_MAPPING_ANON);
}
void anon_vma_lock_write(struct anon_vma *anon_vma);
void anon_vma_unlock_write(struct anon_vma *anon_vma);
void anon_vma_lock_read(struct anon_vma *anon_vma);
void anon_vma_unlock_read(struct anon_vma *anon_vma);

/* map counting: compound = the whole THP through one PMD */
void page_add_new_anon_rmap(struct page *page, struct vm_area_struct *vma,
			    unsigned long address, bool compound);
void page_add_anon_rmap(struct page *page, struct vm_area_struct *vma,
			unsigned long address, bool compound);
void page_dup_rmap(struct page *page, bool compound);
void page_remove_rmap(struct page *page, struct vm_area_struct *vma, bool compound);

/* Walk every mapping of page: rmap_one returns false to stop the walk. */
struct rmap_walk_control {
	void *arg;
	bool (*rmap_one)(struct page *page, struct vm_area_struct *vma,
			 unsigned long address, void *arg);
};
void rmap_walk(struct page *page, struct rmap_walk_control *rwc);
void rmap_walk_locked(struct page *page, struct rmap_walk_control *rwc);
unsigned long vma_address(struct page *page, struct vm_area_struct *vma);

#endif
