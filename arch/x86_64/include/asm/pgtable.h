/* Reading and building page-table entries: the helpers every walk uses.
 * Names are Linux's: pte_present, pte_write, pte_young, pmd_trans_huge, ... */
#ifndef _ASM_PGTABLE_H
#define _ASM_PGTABLE_H

#include <asm/page.h>
#include <asm/pgtable_types.h>

/* --- indices: which slot of each table an address uses --- */
static inline unsigned long pgd_index(unsigned long a) { return (a >> PGDIR_SHIFT) & (PTRS_PER_PGD - 1); }
static inline unsigned long pud_index(unsigned long a) { return (a >> PUD_SHIFT) & (PTRS_PER_PUD - 1); }
static inline unsigned long pmd_index(unsigned long a) { return (a >> PMD_SHIFT) & (PTRS_PER_PMD - 1); }
static inline unsigned long pte_index(unsigned long a) { return (a >> PAGE_SHIFT) & (PTRS_PER_PTE - 1); }

/* --- PTE --- */
static inline bool pte_none(pte_t p) { return pte_val(p) == 0; }
static inline bool pte_present(pte_t p) { return pte_val(p) & (_PAGE_PRESENT | _PAGE_PROTNONE); }
static inline bool pte_write(pte_t p) { return pte_val(p) & _PAGE_RW; }
static inline bool pte_young(pte_t p) { return pte_val(p) & _PAGE_ACCESSED; }
static inline bool pte_dirty(pte_t p) { return pte_val(p) & _PAGE_DIRTY; }
static inline bool pte_user(pte_t p) { return pte_val(p) & _PAGE_USER; }
static inline bool pte_protnone(pte_t p) { return (pte_val(p) & (_PAGE_PRESENT | _PAGE_PROTNONE)) == _PAGE_PROTNONE; }
static inline unsigned long pte_pfn(pte_t p) { return (pte_val(p) & PTE_PFN_MASK) >> PAGE_SHIFT; }
static inline pte_t pfn_pte(unsigned long pfn, pgprot_t prot) { return __pte((pfn << PAGE_SHIFT) | pgprot_val(prot)); }
static inline pte_t pte_wrprotect(pte_t p) { return __pte(pte_val(p) & ~_PAGE_RW); }
static inline pte_t pte_mkwrite(pte_t p) { return __pte(pte_val(p) | _PAGE_RW); }
static inline pte_t pte_mkyoung(pte_t p) { return __pte(pte_val(p) | _PAGE_ACCESSED); }
static inline pte_t pte_mkold(pte_t p) { return __pte(pte_val(p) & ~_PAGE_ACCESSED); }
static inline pte_t pte_mkdirty(pte_t p) { return __pte(pte_val(p) | _PAGE_DIRTY); }
static inline pte_t pte_mkclean(pte_t p) { return __pte(pte_val(p) & ~_PAGE_DIRTY); }
static inline pte_t pte_modify(pte_t p, pgprot_t prot)
{
	unsigned long keep = pte_val(p) & (PTE_PFN_MASK | _PAGE_ACCESSED | _PAGE_DIRTY);
	return __pte(keep | pgprot_val(prot));
}

/* --- PMD --- */
static inline bool pmd_none(pmd_t p) { return pmd_val(p) == 0; }
static inline bool pmd_present(pmd_t p) { return pmd_val(p) & (_PAGE_PRESENT | _PAGE_PROTNONE); }
/* A PMD that maps a 2 MiB page itself rather than pointing to a PTE table. */
static inline bool pmd_trans_huge(pmd_t p) { return pmd_present(p) && (pmd_val(p) & _PAGE_PSE); }
static inline bool pmd_write(pmd_t p) { return pmd_val(p) & _PAGE_RW; }
static inline bool pmd_young(pmd_t p) { return pmd_val(p) & _PAGE_ACCESSED; }
static inline bool pmd_dirty(pmd_t p) { return pmd_val(p) & _PAGE_DIRTY; }
static inline bool pmd_protnone(pmd_t p) { return (pmd_val(p) & (_PAGE_PRESENT | _PAGE_PROTNONE)) == _PAGE_PROTNONE; }
static inline unsigned long pmd_pfn(pmd_t p) { return (pmd_val(p) & PTE_PFN_MASK & PMD_MASK) >> PAGE_SHIFT; }
static inline pmd_t pmd_wrprotect(pmd_t p) { return __pmd(pmd_val(p) & ~_PAGE_RW); }
static inline pmd_t pmd_mkwrite(pmd_t p) { return __pmd(pmd_val(p) | _PAGE_RW); }
static inline pmd_t pmd_mkyoung(pmd_t p) { return __pmd(pmd_val(p) | _PAGE_ACCESSED); }
static inline pmd_t pmd_mkold(pmd_t p) { return __pmd(pmd_val(p) & ~_PAGE_ACCESSED); }
static inline pmd_t pmd_mkdirty(pmd_t p) { return __pmd(pmd_val(p) | _PAGE_DIRTY); }
static inline pmd_t pmd_mkhuge(pmd_t p) { return __pmd(pmd_val(p) | _PAGE_PSE); }
static inline pmd_t pfn_pmd(unsigned long pfn, pgprot_t prot) { return __pmd((pfn << PAGE_SHIFT) | pgprot_val(prot)); }
static inline pmd_t pmd_modify(pmd_t p, pgprot_t prot)
{
	unsigned long keep = pmd_val(p) & (PTE_PFN_MASK | _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_PSE);
	return __pmd(keep | pgprot_val(prot));
}
/* Physical address of the PTE table a (non-huge) PMD points to. */
static inline unsigned long pmd_table_phys(pmd_t p) { return pmd_val(p) & PTE_PFN_MASK; }

/* --- PUD / PGD --- */
static inline bool pud_none(pud_t p) { return pud_val(p) == 0; }
static inline bool pud_present(pud_t p) { return pud_val(p) & _PAGE_PRESENT; }
static inline bool pud_large(pud_t p) { return pud_val(p) & _PAGE_PSE; }
static inline bool pgd_none(pgd_t p) { return pgd_val(p) == 0; }
static inline bool pgd_present(pgd_t p) { return pgd_val(p) & _PAGE_PRESENT; }

/* --- walking: pointer to the entry for addr in the next level --- */
static inline pud_t *pud_offset(pgd_t *pgd, unsigned long a)
{
	return (pud_t *)__va(pgd_val(*pgd) & PTE_PFN_MASK) + pud_index(a);
}
static inline pmd_t *pmd_offset(pud_t *pud, unsigned long a)
{
	return (pmd_t *)__va(pud_val(*pud) & PTE_PFN_MASK) + pmd_index(a);
}
static inline pte_t *pte_offset_kernel(pmd_t *pmd, unsigned long a)
{
	return (pte_t *)__va(pmd_table_phys(*pmd)) + pte_index(a);
}
#define pte_offset_map(pmd, a) pte_offset_kernel(pmd, a)

/* Entries are written with plain stores: one CPU, and the TLB is flushed
 * by the caller when an entry that may be cached changes. */
static inline void set_pte(pte_t *ptep, pte_t pte) { WRITE_ONCE(ptep->pte, pte_val(pte)); }
static inline void set_pmd(pmd_t *pmdp, pmd_t pmd) { WRITE_ONCE(pmdp->pmd, pmd_val(pmd)); }
static inline void set_pud(pud_t *pudp, pud_t pud) { WRITE_ONCE(pudp->pud, pud_val(pud)); }
static inline void set_pgd(pgd_t *pgdp, pgd_t pgd) { WRITE_ONCE(pgdp->pgd, pgd_val(pgd)); }
static inline void pte_clear(pte_t *ptep) { set_pte(ptep, __pte(0)); }
static inline void pmd_clear(pmd_t *pmdp) { set_pmd(pmdp, __pmd(0)); }

#endif
