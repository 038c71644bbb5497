/* Transparent huge pages (mm/huge_memory.c, mm/khugepaged.c): policy,
 * the huge-PMD fault, deposit/withdraw, fork, COW, split, deferred split. */
#ifndef _LINUX_HUGE_MM_H
#define _LINUX_HUGE_MM_H

#include <linux/mm.h>

/* /sys/kernel/mm/transparent_hugepage/enabled and defrag */
enum transparent_hugepage_flag {
	TRANSPARENT_HUGEPAGE_FLAG,		/* enabled: always */
	TRANSPARENT_HUGEPAGE_REQ_MADV_FLAG,	/* enabled: madvise */
	TRANSPARENT_HUGEPAGE_DEFRAG_DIRECT_FLAG,
	TRANSPARENT_HUGEPAGE_DEFRAG_KSWAPD_FLAG,
	TRANSPARENT_HUGEPAGE_DEFRAG_KSWAPD_OR_MADV_FLAG,
	TRANSPARENT_HUGEPAGE_DEFRAG_REQ_MADV_FLAG,
	TRANSPARENT_HUGEPAGE_USE_ZERO_PAGE_FLAG,
};
extern unsigned long transparent_hugepage_flags;

/* compound_dtor of a THP: free_transhuge_page runs when it is freed. */
#define TRANSHUGE_PAGE_DTOR 1

bool hugepage_vma_check(struct vm_area_struct *vma, unsigned long vm_flags,
			bool smaps, bool in_pf, bool enforce_sysfs);
const char *hugepage_vma_reason(struct vm_area_struct *vma);
/* Does the 2 MiB-aligned range around addr lie inside vma? */
static inline bool transhuge_vma_suitable(struct vm_area_struct *vma, unsigned long addr)
{
	unsigned long haddr = addr & HPAGE_PMD_MASK;
	return haddr >= vma->vm_start && haddr + HPAGE_PMD_SIZE <= vma->vm_end;
}

int do_huge_pmd_anonymous_page(struct vm_fault *vmf);
int do_huge_pmd_wp_page(struct vm_fault *vmf);
void huge_pmd_set_accessed(struct vm_fault *vmf);
int copy_huge_pmd(struct mm_struct *dst_mm, struct mm_struct *src_mm, pmd_t *dst_pmd,
		  pmd_t *src_pmd, unsigned long addr, struct vm_area_struct *vma);
void zap_huge_pmd(struct vm_area_struct *vma, pmd_t *pmd, unsigned long addr);
void change_huge_pmd(struct vm_area_struct *vma, pmd_t *pmd, unsigned long addr, pgprot_t newprot);
void split_huge_pmd(struct vm_area_struct *vma, pmd_t *pmd, unsigned long address);
void __split_huge_pmd_locked(struct vm_area_struct *vma, pmd_t *pmd, unsigned long haddr);
void split_huge_pmd_address(struct vm_area_struct *vma, unsigned long address);
void vma_adjust_trans_huge(struct vm_area_struct *vma, unsigned long addr);
bool is_huge_zero_pmd(pmd_t pmd);
struct page *mm_get_huge_zero_page(void);
bool is_huge_zero_page(struct page *page);
void set_pmd_at(struct mm_struct *mm, unsigned long addr, pmd_t *pmdp, pmd_t pmd);
pmd_t mk_huge_pmd(struct page *page, pgprot_t prot);

/* The PTE table kept for each huge PMD, so that a split never allocates. */
static inline struct page *pmd_pgtable_page(pmd_t *pmd) { return virt_to_page((void *)((unsigned long)pmd & PAGE_MASK)); }
void pgtable_trans_huge_deposit(struct mm_struct *mm, pmd_t *pmdp, pgtable_t pgtable);
pgtable_t pgtable_trans_huge_withdraw(struct mm_struct *mm, pmd_t *pmdp);
void split_huge_pages_init(void);	/* /sys/kernel/debug/split_huge_pages */
bool move_huge_pmd(struct vm_area_struct *vma, unsigned long old_addr, unsigned long new_addr,
		   pmd_t *old_pmd, pmd_t *new_pmd);

int split_huge_page_to_list(struct page *page, struct list_head *list);
static inline int split_huge_page(struct page *page) { return split_huge_page_to_list(page, NULL); }
void deferred_split_huge_page(struct page *page);
void free_transhuge_page(struct page *page);
unsigned long deferred_split_count(void);
unsigned long deferred_split_scan(unsigned long nr_to_scan);
void prep_transhuge_page(struct page *page);

int hugepage_madvise(struct vm_area_struct *vma, unsigned long *vm_flags, int advice);
void hugepage_init(void);

/* khugepaged (mm/khugepaged.c) */
extern unsigned int khugepaged_max_ptes_none;
void khugepaged_enter_vma(struct vm_area_struct *vma, unsigned long vm_flags);
void khugepaged_fork(struct mm_struct *mm, struct mm_struct *oldmm);
void khugepaged_exit(struct mm_struct *mm);
int madvise_collapse(struct vm_area_struct *vma, unsigned long start, unsigned long end);
void khugepaged_init(void);
void khugepaged_start_if_needed(void);
int thp_set_mode(const char *mode);
bool page_on_deferred_split_queue(struct page *head);

#endif
