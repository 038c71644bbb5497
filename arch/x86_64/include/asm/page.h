/* Page sizes and the kernel's virtual memory layout.
 *
 *   0x0000000000000000 - 0x00007fffffffefff   user space (TASK_SIZE)
 *   0xffff888000000000 - ...                  direct map of all RAM (PAGE_OFFSET)
 *   0xffffffff80000000 - ...                  kernel image (__START_KERNEL_map)
 *
 * Same addresses as Linux x86-64 (4-level paging), so that a student who
 * reads an address in Linux's oops knows what it is here too. */
#ifndef _ASM_PAGE_H
#define _ASM_PAGE_H

#include <linux/types.h>

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))

#define PMD_SHIFT	21
#define PMD_SIZE	(1UL << PMD_SHIFT)
#define PMD_MASK	(~(PMD_SIZE - 1))
#define PUD_SHIFT	30
#define PUD_SIZE	(1UL << PUD_SHIFT)
#define PUD_MASK	(~(PUD_SIZE - 1))
#define PGDIR_SHIFT	39
#define PGDIR_SIZE	(1UL << PGDIR_SHIFT)
#define PTRS_PER_PTE	512
#define PTRS_PER_PMD	512
#define PTRS_PER_PUD	512
#define PTRS_PER_PGD	512

/* A transparent huge page is one PMD entry's worth: 2 MiB, order 9. */
#define HPAGE_PMD_SHIFT	PMD_SHIFT
#define HPAGE_PMD_SIZE	PMD_SIZE
#define HPAGE_PMD_MASK	PMD_MASK
#define HPAGE_PMD_ORDER	(HPAGE_PMD_SHIFT - PAGE_SHIFT)
#define HPAGE_PMD_NR	(1 << HPAGE_PMD_ORDER)

#define PAGE_OFFSET		0xffff888000000000UL
#define __START_KERNEL_map	0xffffffff80000000UL
#define TASK_SIZE		0x00007ffffffff000UL

#define __va(pa)	((void *)((unsigned long)(pa) + PAGE_OFFSET))
static inline unsigned long __pa(const void *va)
{
	unsigned long v = (unsigned long)va;
	return v >= __START_KERNEL_map ? v - __START_KERNEL_map : v - PAGE_OFFSET;
}

#define PFN_DOWN(x)	((x) >> PAGE_SHIFT)
#define PFN_UP(x)	(((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)
#define PFN_PHYS(pfn)	((unsigned long)(pfn) << PAGE_SHIFT)
#define PAGE_ALIGN(x)	ALIGN((unsigned long)(x), PAGE_SIZE)

#endif
