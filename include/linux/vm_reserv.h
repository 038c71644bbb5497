/* The second THP policy (ours): FreeBSD's reservation-based superpages,
 * promoted in place (mm/vm_reserv.c). thp_policy=linux (the default) is
 * Linux's: a THP at fault time, or a copy by khugepaged later. */
#ifndef _LINUX_VM_RESERV_H
#define _LINUX_VM_RESERV_H

#include <linux/types.h>
#include <asm/pgtable_types.h>

struct vm_fault;
struct vm_area_struct;
struct mm_struct;
struct page;

enum thp_policy { THP_POLICY_LINUX, THP_POLICY_RESERVE };
extern int thp_policy;

/* The zeroed page for an anonymous write fault (a new page, or the copy of
 * the zero page): in reserve policy and a THP-eligible range, the page at
 * the matching offset of the range's reservation (made now if the range has
 * none and is empty), else an ordinary page. *promote is set when it was the
 * reservation's last page: once it is mapped, call promote_huge_pmd. NULL if
 * out of memory. */
struct page *alloc_anon_page(struct vm_fault *vmf, bool *promote);
/* FreeBSD's pmap_promote_pde: replace the PTE table of the 2 MiB range at
 * address by one huge PMD, in place, if its 512 PTEs map one aligned block in
 * order with the same rights. mmap_lock held. Returns true if it did. */
bool promote_huge_pmd(struct vm_area_struct *vma, pmd_t *pmd, unsigned long address);
/* Does mm's 2 MiB range at address hold a reservation (khugepaged leaves it
 * to promotion in place)? */
bool vm_reserv_pending(struct mm_struct *mm, unsigned long address);
/* The range at address was collapsed: give back its reservation's unused pages. */
void vm_reserv_release(struct mm_struct *mm, unsigned long address);
/* The mm is gone: give back its reservations' unused pages. */
void vm_reserv_exit_mm(struct mm_struct *mm);
/* The shrinker (mm/vmscan.c): partly used reservations, and breaking them. */
unsigned long vm_reserv_count(void);
unsigned long vm_reserv_scan(unsigned long nr);
int thp_set_policy(const char *name);
void vm_reserv_init(void);

#endif
