/* init_mm: the kernel's own address space. Its page table (built by
 * paging_init) holds only the kernel half; every process's page table
 * shares those top-level entries. */
#include <linux/mm.h>

struct mm_struct init_mm = {
	.mm_rb = RB_ROOT,
	.mm_users = { 2 },
	.mm_count = { 1 },
	.mmap_lock = __RWSEM_INITIALIZER(init_mm.mmap_lock),
	.page_table_lock = __SPIN_LOCK_UNLOCKED(init_mm.page_table_lock),
	.mmlist = LIST_HEAD_INIT(init_mm.mmlist),
};
