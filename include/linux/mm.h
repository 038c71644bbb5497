/* Pages and address spaces: the helpers the rest of the kernel uses on
 * struct page (pfn/address conversion, reference and map counts) and the
 * VM entry points (mm/). */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#include <linux/kernel.h>
#include <linux/atomic.h>
#include <linux/bitops.h>
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
	VM_BUG_ON(page_ref_count(p) <= 0);
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

#ifndef _LINUX_MM_VM_H
#define _LINUX_MM_VM_H
/* ------------------------------------------------------------------------
 * Address spaces: VMAs (mm/mmap.c), faults (mm/memory.c), rmap (mm/rmap.c)
 * ------------------------------------------------------------------------ */

/* mmap prot/flags, madvise advice (Linux x86-64 values) */
#define PROT_NONE	0x0
#define PROT_READ	0x1
#define PROT_WRITE	0x2
#define PROT_EXEC	0x4
#define PROT_GROWSDOWN	0x01000000
#define PROT_GROWSUP	0x02000000
#define MAP_SHARED	0x01
#define MAP_PRIVATE	0x02
#define MAP_SHARED_VALIDATE 0x03
#define MAP_TYPE	0x0f
#define MAP_FIXED	0x10
#define MAP_ANONYMOUS	0x20
#define MAP_32BIT	0x40
#define MAP_GROWSDOWN	0x0100
#define MAP_DENYWRITE	0x0800
#define MAP_EXECUTABLE	0x1000
#define MAP_LOCKED	0x2000
#define MAP_NORESERVE	0x4000
#define MAP_POPULATE	0x8000
#define MAP_NONBLOCK	0x10000
#define MAP_STACK	0x20000
#define MAP_HUGETLB	0x40000
#define MAP_SYNC	0x80000
#define MAP_FIXED_NOREPLACE 0x100000
#define MAP_UNINITIALIZED 0x4000000

#define MADV_NORMAL	0
#define MADV_RANDOM	1
#define MADV_SEQUENTIAL	2
#define MADV_WILLNEED	3
#define MADV_DONTNEED	4
#define MADV_FREE	8
#define MADV_REMOVE	9
#define MADV_DONTFORK	10
#define MADV_DOFORK	11
#define MADV_MERGEABLE	12
#define MADV_UNMERGEABLE 13
#define MADV_HUGEPAGE	14
#define MADV_NOHUGEPAGE	15
#define MADV_DONTDUMP	16
#define MADV_DODUMP	17
#define MADV_WIPEONFORK	18
#define MADV_KEEPONFORK	19
#define MADV_COLD	20
#define MADV_PAGEOUT	21
#define MADV_POPULATE_READ 22
#define MADV_POPULATE_WRITE 23
#define MADV_DONTNEED_LOCKED 24
#define MADV_COLLAPSE	25
#define MADV_HWPOISON	100

/* handle_mm_fault flags and results */
#define FAULT_FLAG_WRITE	0x01
#define FAULT_FLAG_USER		0x02
#define FAULT_FLAG_INSTRUCTION	0x04
#define VM_FAULT_OOM		0x0001
#define VM_FAULT_SIGBUS		0x0002
#define VM_FAULT_SIGSEGV	0x0040
#define VM_FAULT_FALLBACK	0x0800	/* huge page fault failed, fall back to small */
#define VM_FAULT_ERROR		(VM_FAULT_OOM | VM_FAULT_SIGBUS | VM_FAULT_SIGSEGV)

/* What one fault is about (Linux's struct vm_fault). */
struct vm_fault {
	struct vm_area_struct *vma;
	unsigned long address;		/* faulting address, page-aligned */
	unsigned int flags;		/* FAULT_FLAG_* */
	pmd_t *pmd;
	pmd_t orig_pmd;
	pte_t *pte;
	pte_t orig_pte;
};

#define STACK_GUARD_GAP	(256UL << PAGE_SHIFT)	/* Linux's stack_guard_gap */
#define STACK_LIMIT	(8UL << 20)		/* RLIMIT_STACK default */
#define DEFAULT_MAX_MAP_COUNT 65530		/* /proc/sys/vm/max_map_count */

/* /proc/sys/vm (mm/sysctl_vm.c) */
#define OVERCOMMIT_GUESS	0
#define OVERCOMMIT_ALWAYS	1
extern int sysctl_overcommit_memory;
extern int sysctl_overcommit_ratio;
extern int sysctl_max_map_count;
void vm_sysctl_init(void);

/* mm lifetime (kernel/fork.c) */
struct mm_struct *mm_alloc(void);
void mmput(struct mm_struct *mm);
struct mm_struct *dup_mm(struct mm_struct *oldmm);
void mmdrop(struct mm_struct *mm);
extern struct list_head mm_list;	/* every live mm (debug checks) */

/* VMAs (mm/mmap.c) */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
struct vm_area_struct *find_vma_prev(struct mm_struct *mm, unsigned long addr,
				     struct vm_area_struct **pprev);
struct vm_area_struct *find_vma_intersection(struct mm_struct *mm, unsigned long start,
					     unsigned long end);
struct vm_area_struct *vm_area_alloc(struct mm_struct *mm);
struct vm_area_struct *vm_area_dup(struct vm_area_struct *orig);
void vm_area_free(struct vm_area_struct *vma);
unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long addr, unsigned long len,
				unsigned long flags);
void vma_expand_end(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long end);
int insert_vm_struct(struct mm_struct *mm, struct vm_area_struct *vma);
int split_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr, int new_below);
unsigned long do_mmap(unsigned long addr, unsigned long len, unsigned long prot,
		      unsigned long flags, unsigned long vm_flags, unsigned long pgoff,
		      unsigned long *populate);
int do_munmap(struct mm_struct *mm, unsigned long start, size_t len);
int vm_munmap(unsigned long start, size_t len);
unsigned long vm_brk_flags(unsigned long addr, unsigned long len, unsigned long flags);
void exit_mmap(struct mm_struct *mm);
pgprot_t vm_get_page_prot(unsigned long vm_flags);
void vma_set_page_prot(struct vm_area_struct *vma);
int mm_populate(unsigned long start, unsigned long len);
int expand_stack(struct vm_area_struct *vma, unsigned long address);
static inline bool vma_is_anonymous(struct vm_area_struct *vma) { return !(vma->vm_flags & VM_SPECIAL); }
static inline unsigned long vma_pages(struct vm_area_struct *vma) { return (vma->vm_end - vma->vm_start) >> PAGE_SHIFT; }
static inline unsigned long linear_page_index(struct vm_area_struct *vma, unsigned long addr)
{
	return ((addr - vma->vm_start) >> PAGE_SHIFT) + vma->vm_pgoff;
}
int validate_mm(struct mm_struct *mm);
int validate_mm_rb(struct mm_struct *mm);
struct vm_area_struct *vma_merge_neighbours(struct mm_struct *mm, struct vm_area_struct *vma);
struct vm_area_struct *vma_isolate_range(struct mm_struct *mm, struct vm_area_struct *vma,
					 unsigned long start, unsigned long end);
bool pgtable_is_empty(const void *table);

/* page tables and faults (mm/memory.c, mm/pgtable.c) */
pgd_t *pgd_alloc(struct mm_struct *mm);
void pgd_free(struct mm_struct *mm, pgd_t *pgd);
pmd_t *mm_find_pmd(struct mm_struct *mm, unsigned long address);
pmd_t *pmd_alloc_walk(struct mm_struct *mm, unsigned long address);
int __pte_alloc(struct mm_struct *mm, pmd_t *pmd);
struct page *pte_alloc_one(struct mm_struct *mm);
void pte_free(struct mm_struct *mm, struct page *pte_page);
void pmd_populate(struct mm_struct *mm, pmd_t *pmd, struct page *pte_page);
int handle_mm_fault(struct vm_area_struct *vma, unsigned long address, unsigned int flags);
struct page *vm_normal_page(struct vm_area_struct *vma, unsigned long addr, pte_t pte);
void zap_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long size);
void unmap_vmas(struct vm_area_struct *vma, unsigned long start, unsigned long end);
void free_pgtables(struct mm_struct *mm, unsigned long start, unsigned long end);
int copy_page_range(struct mm_struct *dst, struct mm_struct *src, struct vm_area_struct *vma);
void change_protection(struct vm_area_struct *vma, unsigned long start, unsigned long end,
		       pgprot_t newprot);
void flush_tlb_range(struct vm_area_struct *vma, unsigned long start, unsigned long end);
void flush_tlb_mm(struct mm_struct *mm);
void flush_tlb_page(struct vm_area_struct *vma, unsigned long addr);
static inline void inc_mm_counter(struct mm_struct *mm, long n) { atomic_long_add(n, &mm->rss_anon); }
static inline void dec_mm_counter(struct mm_struct *mm, long n) { atomic_long_sub(n, &mm->rss_anon); }
static inline unsigned long get_mm_rss(struct mm_struct *mm) { return atomic_long_read(&mm->rss_anon); }

/* kernel stacks with guard pages (mm/vmalloc.c) */
void *vmap_stack_alloc(void);
void vmap_stack_free(void *stack);

/* the shared zero page: anonymous read faults map it read-only */
extern struct page *zero_page;
static inline bool is_zero_pfn(unsigned long pfn) { return pfn == page_to_pfn(zero_page); }
void zero_page_init(void);
#endif
