/* The memory-management structures: struct page (one per physical page),
 * struct vm_area_struct (one per mapped range of a process) and
 * struct mm_struct (one per address space). Field names are Linux's. */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/rbtree.h>
#include <linux/spinlock.h>
#include <linux/rwsem.h>
#include <asm/pgtable_types.h>

struct mm_struct;
struct anon_vma;
struct kmem_cache;
struct thp_range_table;
typedef struct page *pgtable_t;

/*
 * struct page describes one 4 KiB physical page frame. mem_map[pfn] is the
 * page of frame pfn. The union holds what the page's current user needs:
 *
 *  - an anonymous page: mapping = its anon_vma | PAGE_MAPPING_ANON, index =
 *    its page offset in that anon_vma's space (for rmap_walk);
 *  - a free page: lru links it on a buddy free list, private = its order;
 *  - a compound page (order 9 = a THP): the head page is an ordinary page
 *    with PG_head; every tail page has compound_head = head | 1; the first
 *    tail page holds the order and compound_mapcount (the PMD mappings),
 *    the second tail page holds deferred_list (the deferred split queue);
 *  - a page-table page: a PMD table keeps in pmd_huge_pte the PTE tables
 *    deposited for its huge PMDs; a deposited PTE table links through lru.
 *
 * _mapcount counts PTE mappings minus one (-1 = unmapped), _refcount counts
 * references (0 = free). A THP's references all live in the head page.
 */
struct page {
	unsigned long flags;
	union {
		struct {
			struct list_head lru;
			void *mapping;
			unsigned long index;
			unsigned long private;
		};
		struct {
			unsigned long compound_head;
			unsigned char compound_dtor;
			unsigned char compound_order;
			atomic_t compound_mapcount;
			atomic_t compound_pincount;
		};
		struct {
			unsigned long _compound_pad_1;
			unsigned long _compound_pad_2;
			struct list_head deferred_list;
		};
		struct {
			unsigned long _pt_pad_1;
			pgtable_t pmd_huge_pte;
			unsigned long pt_addr;	/* PMD table: the address it starts to map (ours) */
			struct mm_struct *pt_mm;
		};
		struct {
			struct list_head slab_list;
			struct kmem_cache *slab_cache;
			void *freelist;
			unsigned int inuse;
		};
	};
	atomic_t _mapcount;
	atomic_t _refcount;
	unsigned long _pad;
};

_Static_assert(sizeof(struct page) == 64, "struct page must stay 64 bytes");

/* vm_flags */
#define VM_NONE		0x00000000UL
#define VM_READ		0x00000001UL
#define VM_WRITE	0x00000002UL
#define VM_EXEC		0x00000004UL
#define VM_SHARED	0x00000008UL
#define VM_MAYREAD	0x00000010UL
#define VM_MAYWRITE	0x00000020UL
#define VM_MAYEXEC	0x00000040UL
#define VM_MAYSHARE	0x00000080UL
#define VM_GROWSDOWN	0x00000100UL
#define VM_PFNMAP	0x00000400UL	/* special: no struct page behind it */
#define VM_LOCKED	0x00002000UL
#define VM_IO		0x00004000UL
#define VM_SEQ_READ	0x00008000UL
#define VM_RAND_READ	0x00010000UL
#define VM_DONTCOPY	0x00020000UL
#define VM_DONTEXPAND	0x00040000UL
#define VM_LOCKONFAULT	0x00080000UL	/* mlock2(MLOCK_ONFAULT): locked as it faults in */
#define VM_ACCOUNT	0x00100000UL
#define VM_NORESERVE	0x00200000UL
#define VM_HUGETLB	0x00400000UL
#define VM_WIPEONFORK	0x02000000UL	/* madvise(MADV_WIPEONFORK): a child gets zeros */
#define VM_DONTDUMP	0x04000000UL
#define VM_HUGEPAGE	0x20000000UL	/* madvise(MADV_HUGEPAGE) */
#define VM_NOHUGEPAGE	0x40000000UL	/* madvise(MADV_NOHUGEPAGE) */
#define VM_SPECIAL	(VM_IO | VM_DONTEXPAND | VM_PFNMAP)

/* One contiguous range of a process's address space with one set of
 * permissions: [vm_start, vm_end). */
struct vm_area_struct {
	unsigned long vm_start;
	unsigned long vm_end;
	struct vm_area_struct *vm_next, *vm_prev;	/* sorted by address */
	struct rb_node vm_rb;				/* in mm->mm_rb */
	/* the largest free gap below any VMA of this one's subtree of mm_rb
	 * (a VMA's gap: from the end of the VMA before it to its vm_start), so
	 * that get_unmapped_area finds a free range in O(log n) */
	unsigned long rb_subtree_gap;
	struct mm_struct *vm_mm;
	pgprot_t vm_page_prot;		/* PTE bits derived from vm_flags */
	unsigned long vm_flags;
	unsigned long vm_pgoff;		/* page offset of vm_start (anon: vm_start >> PAGE_SHIFT at creation) */
	struct list_head anon_vma_chain;	/* this VMA's anon_vma_chains */
	struct anon_vma *anon_vma;	/* where its new anonymous pages are filed */
	const char *vm_name;		/* "[stack]", "[vdso]"-like label or NULL, for /proc/PID/maps */
	void *vm_private_data;		/* MAP_SHARED anonymous: its struct shmem_object */
};

/* An address space: the page-table root and the VMAs of one process. */
struct mm_struct {
	struct vm_area_struct *mmap;		/* first VMA of the sorted list */
	struct rb_root mm_rb;			/* VMAs by address: find_vma in O(log n) */
	int map_count;				/* number of VMAs */
	pgd_t *pgd;
	atomic_t mm_users;			/* tasks using it */
	atomic_t mm_count;			/* references to the struct itself */
	struct rw_semaphore mmap_lock;		/* VMAs: faults read, mmap/munmap/... write */
	spinlock_t page_table_lock;		/* page-table entries */
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk, start_stack;
	unsigned long arg_start, arg_end, env_start, env_end;
	atomic_long_t rss_anon;			/* resident anonymous pages (MM_ANONPAGES) */
	atomic_long_t pgtables_bytes;
	unsigned long flags;			/* MMF_* */
	unsigned long def_flags;		/* vm_flags every new VMA gets (mlockall MCL_FUTURE) */
	struct task_struct *owner;
	struct list_head mmlist;		/* all mms (rmap checks, debug) */
	struct list_head khugepaged_slot;	/* on khugepaged's scan list */
	unsigned long khugepaged_flags;
	struct thp_range_table *thp_ranges;	/* ours: khugepaged's verdict per 2 MiB range (kernel/fs/thp_ranges.c) */
	unsigned long saved_auxv[2];
};

#define MMF_VM_HUGEPAGE		0	/* registered with khugepaged */
#define MMF_DISABLE_THP		1	/* prctl(PR_SET_THP_DISABLE) */

#endif
