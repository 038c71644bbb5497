/* Bits of page->flags and the PageXxx() tests, as Linux names them. */
#ifndef _LINUX_PAGE_FLAGS_H
#define _LINUX_PAGE_FLAGS_H

#include <linux/mm_types.h>
#include <asm/page.h>

enum pageflags {
	PG_locked,
	PG_referenced,
	PG_uptodate,
	PG_dirty,
	PG_lru,
	PG_head,		/* first page of a compound page */
	PG_reserved,		/* never given to the buddy allocator (kernel, boot data, holes) */
	PG_swapbacked,		/* anonymous memory */
	PG_buddy,		/* free, on a buddy list (Linux keeps this in page_type) */
	PG_slab,		/* owned by kmalloc */
	PG_table,		/* a page-table page (Linux: PageTable) */
	PG_underused_checked,	/* THP head: the underused-THP shrinker looked at it (ours) */
};

#define PAGE_FLAG(name, bit)							\
static inline bool Page##name(const struct page *p) { return p->flags & BIT(bit); }	\
static inline void SetPage##name(struct page *p) { p->flags |= BIT(bit); }		\
static inline void ClearPage##name(struct page *p) { p->flags &= ~BIT(bit); }

PAGE_FLAG(Locked, PG_locked)
PAGE_FLAG(Referenced, PG_referenced)
PAGE_FLAG(Dirty, PG_dirty)
PAGE_FLAG(Head, PG_head)
PAGE_FLAG(Reserved, PG_reserved)
PAGE_FLAG(SwapBacked, PG_swapbacked)
PAGE_FLAG(Buddy, PG_buddy)
PAGE_FLAG(Slab, PG_slab)
PAGE_FLAG(Table, PG_table)
PAGE_FLAG(UnderusedChecked, PG_underused_checked)

static inline bool PageTail(const struct page *p) { return p->compound_head & 1; }
static inline bool PageCompound(const struct page *p) { return PageHead(p) || PageTail(p); }

static inline struct page *compound_head(struct page *p)
{
	if (PageTail(p))
		return (struct page *)(p->compound_head - 1);
	return p;
}

static inline unsigned int compound_order(struct page *p)
{
	return PageHead(p) ? p[1].compound_order : 0;
}

static inline unsigned long compound_nr(struct page *p)
{
	return 1UL << compound_order(p);
}

/* Anonymous pages point to their anon_vma with the low bit set. */
#define PAGE_MAPPING_ANON 0x1UL
static inline bool PageAnon(struct page *p)
{
	p = compound_head(p);
	return ((unsigned long)p->mapping & PAGE_MAPPING_ANON) != 0;
}

/* A transparent huge page: the head of an anonymous order-9 compound page. */
static inline bool PageTransHuge(struct page *p)
{
	return PageHead(p) && p[1].compound_order == HPAGE_PMD_ORDER;
}
static inline bool PageTransCompound(struct page *p) { return PageCompound(p); }

#endif
