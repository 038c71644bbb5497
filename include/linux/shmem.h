/* Shared anonymous memory (MAP_SHARED | MAP_ANONYMOUS), mm/shmem.c. Its
 * pages belong to a shmem_object, found by page offset, so that every
 * process mapping it (after fork) sees the same pages. Linux backs these
 * with a tmpfs file; this is the smallest equivalent. No THP here: Linux
 * governs shared THP with a separate knob (shmem_enabled, default never). */
#ifndef _LINUX_SHMEM_H
#define _LINUX_SHMEM_H

#include <linux/mm.h>

struct shmem_object {
	atomic_t refcount;		/* VMAs using it */
	unsigned long nr_pages;
	struct page **pages;		/* by page offset; NULL until first touched */
};

int shmem_zero_setup(struct vm_area_struct *vma);
void shmem_vma_get(struct vm_area_struct *vma);
void shmem_vma_put(struct vm_area_struct *vma);
/* The page at the VMA's offset of address, allocated on first use;
 * returned with a reference for the new mapping. NULL on no memory. */
struct page *shmem_get_page(struct vm_area_struct *vma, unsigned long address);
/* The object's size in pages: a fault past it is a bus error. */
static inline unsigned long shmem_nr_pages(struct vm_area_struct *vma)
{
	return ((struct shmem_object *)vma->vm_private_data)->nr_pages;
}
static inline bool vma_is_shmem(struct vm_area_struct *vma) { return vma->vm_private_data != NULL; }

#endif
