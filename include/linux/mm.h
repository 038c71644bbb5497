/* Pages and address spaces: the helpers the rest of the kernel uses on
 * struct page (pfn/address conversion, reference and map counts) and the
 * VM entry points (mm/). */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#include <linux/kernel.h>
#include <linux/atomic.h>
#include <linux/mm_types.h>
#include <linux/page-flags.h>
#include <linux/gfp.h>
#include <linux/vmstat.h>
#include <asm/page.h>
#include <asm/pgtable.h>

extern struct page *mem_map;		/* mem_map[pfn] describes frame pfn */
extern unsigned long max_pfn;		/* one past the highest usable frame */
extern unsigned long totalram_pages;	/* pages given to the buddy allocator */

static inline unsigned long page_to_pfn(const struct page *p) { return p - mem_map; }
static inline struct page *pfn_to_page(unsigned long pfn) { return mem_map + pfn; }
static inline bool pfn_valid(unsigned long pfn) { return pfn < max_pfn; }
static inline void *page_address(const struct page *p) { return __va(PFN_PHYS(page_to_pfn(p))); }
static inline struct page *virt_to_page(const void *v) { return pfn_to_page(__pa(v) >> PAGE_SHIFT); }
static inline struct page *pte_page(pte_t pte) { return pfn_to_page(pte_pfn(pte)); }
static inline struct page *pmd_page(pmd_t pmd) { return pfn_to_page(pmd_pfn(pmd)); }
static inline pte_t mk_pte(struct page *p, pgprot_t prot) { return pfn_pte(page_to_pfn(p), prot); }

/* --- reference counts: all of a compound page's references are on its head --- */
static inline int page_ref_count(const struct page *p) { return atomic_read(&p->_refcount); }
static inline int page_count(struct page *p) { return page_ref_count(compound_head(p)); }
static inline void set_page_count(struct page *p, int v) { atomic_set(&p->_refcount, v); }
static inline void page_ref_add(struct page *p, int n) { atomic_add(n, &p->_refcount); }
static inline void page_ref_sub(struct page *p, int n) { atomic_sub(n, &p->_refcount); }
static inline void get_page(struct page *p)
{
	p = compound_head(p);
	VM_BUG_ON(page_ref_count(p) <= 0);
	atomic_inc(&p->_refcount);
}
void __put_page(struct page *page);
/* Drop a reference; the page is freed when the last one goes. */
static inline void put_page(struct page *p)
{
	p = compound_head(p);
	if (atomic_dec_and_test(&p->_refcount))
		__put_page(p);
}

/* --- map counts: _mapcount counts PTE maps - 1, compound_mapcount PMD maps - 1 --- */
static inline void page_mapcount_reset(struct page *p) { atomic_set(&p->_mapcount, -1); }
static inline atomic_t *compound_mapcount_ptr(struct page *head) { return &head[1].compound_mapcount; }
static inline int compound_mapcount(struct page *p)
{
	return atomic_read(compound_mapcount_ptr(compound_head(p))) + 1;
}
/* How many page-table entries map this (sub)page: its own PTE maps plus the
 * PMD maps of the THP it belongs to. */
static inline int page_mapcount(struct page *p)
{
	int n = atomic_read(&p->_mapcount) + 1;
	if (PageCompound(p))
		n += compound_mapcount(p);
	return n;
}
int total_mapcount(struct page *head);
bool page_mapped(struct page *page);

static inline unsigned long thp_nr_pages(struct page *p) { return compound_nr(compound_head(p)); }

void prep_compound_page(struct page *page, unsigned int order);
void destroy_compound_page(struct page *page);

/* Clearing/copying a compound page at memory speed. */
void clear_huge_page(struct page *page, unsigned int nr);
void copy_user_highpage(struct page *dst, struct page *src);

extern struct mm_struct init_mm;

#endif
