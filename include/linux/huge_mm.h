/* Transparent huge pages (mm/huge_memory.c, mm/khugepaged.c). */
#ifndef _LINUX_HUGE_MM_H
#define _LINUX_HUGE_MM_H

#include <linux/types.h>

struct page;

/* compound_dtor of a THP: free_transhuge_page runs when it is freed. */
#define TRANSHUGE_PAGE_DTOR 1

void free_transhuge_page(struct page *page);

#endif
