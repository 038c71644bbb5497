/* khugepaged (placeholder until the scan thread lands). */
#include <linux/mm.h>
#include <linux/huge_mm.h>
#include <linux/errno.h>

void khugepaged_enter_vma(struct vm_area_struct *vma, unsigned long vm_flags) {}
void khugepaged_fork(struct mm_struct *mm, struct mm_struct *oldmm) {}
void khugepaged_exit(struct mm_struct *mm) {}
int madvise_collapse(struct vm_area_struct *vma, unsigned long start, unsigned long end) { return -EINVAL; }
void khugepaged_init(void) {}
void khugepaged_start_if_needed(void) {}
int khugepaged_set_param(const char *s) { return 0; }
