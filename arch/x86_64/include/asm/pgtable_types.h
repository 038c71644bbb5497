/* x86-64 page-table entry bits and the entry types pgd_t, pud_t, pmd_t, pte_t.
 *
 * A 48-bit virtual address splits into four 9-bit table indices and a 12-bit
 * offset:  | PGD 47-39 | PUD 38-30 | PMD 29-21 | PTE 20-12 | offset 11-0 |
 * Every level's entry has the same low flag bits; bit 7 (PS) in a PUD or PMD
 * entry means "this entry maps a 1 GiB / 2 MiB page itself" (no lower table).
 * A transparent huge page is exactly such a PMD. */
#ifndef _ASM_PGTABLE_TYPES_H
#define _ASM_PGTABLE_TYPES_H

#include <linux/types.h>

#define _PAGE_BIT_PRESENT	0
#define _PAGE_BIT_RW		1
#define _PAGE_BIT_USER		2
#define _PAGE_BIT_PWT		3
#define _PAGE_BIT_PCD		4
#define _PAGE_BIT_ACCESSED	5
#define _PAGE_BIT_DIRTY		6
#define _PAGE_BIT_PSE		7	/* 2 MiB / 1 GiB page */
#define _PAGE_BIT_GLOBAL	8
#define _PAGE_BIT_NX		63

#define _PAGE_PRESENT	BIT(_PAGE_BIT_PRESENT)
#define _PAGE_RW	BIT(_PAGE_BIT_RW)
#define _PAGE_USER	BIT(_PAGE_BIT_USER)
#define _PAGE_PWT	BIT(_PAGE_BIT_PWT)
#define _PAGE_PCD	BIT(_PAGE_BIT_PCD)
#define _PAGE_ACCESSED	BIT(_PAGE_BIT_ACCESSED)
#define _PAGE_DIRTY	BIT(_PAGE_BIT_DIRTY)
#define _PAGE_PSE	BIT(_PAGE_BIT_PSE)
#define _PAGE_GLOBAL	BIT(_PAGE_BIT_GLOBAL)
#define _PAGE_NX	BIT(_PAGE_BIT_NX)
/* A PROT_NONE mapping keeps its page but must fault on every access: the
 * hardware present bit is clear and this bit (the global bit, never used by
 * user pages) says the entry is still a mapping. Linux does the same. */
#define _PAGE_PROTNONE	_PAGE_GLOBAL

#define PTE_PFN_MASK	0x000ffffffffff000UL
#define PTE_FLAGS_MASK	(~PTE_PFN_MASK)

typedef struct { unsigned long pte; } pte_t;
typedef struct { unsigned long pmd; } pmd_t;
typedef struct { unsigned long pud; } pud_t;
typedef struct { unsigned long pgd; } pgd_t;
typedef struct { unsigned long pgprot; } pgprot_t;

#define pte_val(x)	((x).pte)
#define pmd_val(x)	((x).pmd)
#define pud_val(x)	((x).pud)
#define pgd_val(x)	((x).pgd)
#define pgprot_val(x)	((x).pgprot)
#define __pte(x)	((pte_t){ (x) })
#define __pmd(x)	((pmd_t){ (x) })
#define __pud(x)	((pud_t){ (x) })
#define __pgd(x)	((pgd_t){ (x) })
#define __pgprot(x)	((pgprot_t){ (x) })

/* Flags of a table entry that points to a lower-level table. Permissions are
 * decided at the lowest level, so upper levels allow everything. */
#define _PAGE_TABLE	(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED | _PAGE_DIRTY)
#define _KERNPG_TABLE	(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)

#define PAGE_KERNEL		__pgprot(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_GLOBAL | _PAGE_NX)
#define PAGE_KERNEL_RO		__pgprot(_PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_GLOBAL | _PAGE_NX)
#define PAGE_KERNEL_EXEC	__pgprot(_PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_GLOBAL)

#endif
