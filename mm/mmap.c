/* The VMAs of an address space: the sorted list and red-black tree of
 * struct vm_area_struct, find_vma, splitting and merging, the search for a
 * free range (get_unmapped_area), and the mmap, munmap and brk system calls.
 *
 * Locking: the VMA list and tree change only with mm->mmap_lock held for
 * write; page faults and /proc readers hold it for read. */
#include <linux/mm.h>
#include <linux/rmap.h>
#include <linux/huge_mm.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/syscalls.h>
#include <linux/shmem.h>
#include <linux/rbtree_augmented.h>

#define MMAP_BASE (TASK_SIZE - (1UL << 30))	/* below the stack's gap */

/* x86 page-table bits for each combination of VM_READ|VM_WRITE|VM_EXEC|VM_SHARED.
 * Private writable mappings start read-only: the first write copies (COW)
 * or, for a fresh anonymous page, the fault maps it writable directly. */
pgprot_t vm_get_page_prot(unsigned long vm_flags)
{
	unsigned long prot = _PAGE_USER | _PAGE_ACCESSED;

	if (!(vm_flags & (VM_READ | VM_WRITE | VM_EXEC)))
		return __pgprot(_PAGE_PROTNONE | _PAGE_ACCESSED);	/* PROT_NONE */
	prot |= _PAGE_PRESENT;
	if ((vm_flags & VM_WRITE) && (vm_flags & VM_SHARED))
		prot |= _PAGE_RW;
	if (!(vm_flags & VM_EXEC))
		prot |= _PAGE_NX;
	return __pgprot(prot);
}

void vma_set_page_prot(struct vm_area_struct *vma)
{
	vma->vm_page_prot = vm_get_page_prot(vma->vm_flags);
}

struct vm_area_struct *vm_area_alloc(struct mm_struct *mm)
{
	struct vm_area_struct *vma = kzalloc(sizeof(*vma), GFP_KERNEL);
	if (vma) {
		vma->vm_mm = mm;
		INIT_LIST_HEAD(&vma->anon_vma_chain);
	}
	return vma;
}

void vm_area_free(struct vm_area_struct *vma)
{
	kfree(vma);
}

/* A copy of vma (flags, range, anon_vma) not yet linked anywhere. */
struct vm_area_struct *vm_area_dup(struct vm_area_struct *orig)
{
	struct vm_area_struct *vma = kmalloc(sizeof(*vma), GFP_KERNEL);
	if (vma) {
		*vma = *orig;
		INIT_LIST_HEAD(&vma->anon_vma_chain);
		vma->vm_next = vma->vm_prev = NULL;
		shmem_vma_get(vma);
	}
	return vma;
}

/* The first VMA that ends above addr (it may start above addr too), or NULL.
 * O(log n): a walk down the red-black tree. */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct rb_node *n = mm->mm_rb.rb_node;
	struct vm_area_struct *found = NULL;

	while (n) {
		struct vm_area_struct *v = rb_entry(n, struct vm_area_struct, vm_rb);
		if (v->vm_end > addr) {
			found = v;
			if (v->vm_start <= addr)
				break;
			n = n->rb_left;
		} else {
			n = n->rb_right;
		}
	}
	return found;
}

struct vm_area_struct *find_vma_prev(struct mm_struct *mm, unsigned long addr,
				     struct vm_area_struct **pprev)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	if (vma) {
		*pprev = vma->vm_prev;
	} else {
		struct rb_node *n = mm->mm_rb.rb_node;
		*pprev = NULL;
		while (n) {
			*pprev = rb_entry(n, struct vm_area_struct, vm_rb);
			n = n->rb_right;
		}
	}
	return vma;
}

/* The first VMA overlapping [start, end), or NULL. */
struct vm_area_struct *find_vma_intersection(struct mm_struct *mm, unsigned long start,
					     unsigned long end)
{
	struct vm_area_struct *vma = find_vma(mm, start);
	if (vma && end <= vma->vm_start)
		vma = NULL;
	return vma;
}

/*
 * The gaps between VMAs, kept in the tree (Linux 3.8 to 6.0): each VMA's
 * rb_subtree_gap is the largest free gap below any VMA of its subtree, so a
 * search for len free bytes skips every subtree whose rb_subtree_gap < len.
 * The value changes when the tree changes shape (the callbacks below, called
 * by lib/rbtree.c) and when a boundary moves: after vm_start changes call
 * vma_gap_update(vma), after vm_end changes vma_gap_update(vma->vm_next).
 */

/* The free gap below vma: from the end of the VMA before it (or from 0) to
 * its start. */
static unsigned long vma_compute_gap(struct vm_area_struct *vma)
{
	unsigned long prev_end = vma->vm_prev ? vma->vm_prev->vm_end : 0;

	return vma->vm_start > prev_end ? vma->vm_start - prev_end : 0;
}

static unsigned long vma_subtree_gap(struct rb_node *rb)
{
	return rb ? rb_entry(rb, struct vm_area_struct, vm_rb)->rb_subtree_gap : 0;
}

/* vma's own gap or its children's rb_subtree_gap, whichever is largest. */
static unsigned long vma_compute_subtree_gap(struct vm_area_struct *vma)
{
	unsigned long gap = vma_compute_gap(vma);

	gap = max(gap, vma_subtree_gap(vma->vm_rb.rb_left));
	return max(gap, vma_subtree_gap(vma->vm_rb.rb_right));
}

static void vma_gap_callbacks_propagate(struct rb_node *rb, struct rb_node *stop)
{
	while (rb != stop) {
		struct vm_area_struct *vma = rb_entry(rb, struct vm_area_struct, vm_rb);
		unsigned long gap = vma_compute_subtree_gap(vma);

		if (vma->rb_subtree_gap == gap)
			break;
		vma->rb_subtree_gap = gap;
		rb = rb->rb_parent;
	}
}

static void vma_gap_callbacks_copy(struct rb_node *old, struct rb_node *new)
{
	rb_entry(new, struct vm_area_struct, vm_rb)->rb_subtree_gap =
		rb_entry(old, struct vm_area_struct, vm_rb)->rb_subtree_gap;
}

static void vma_gap_callbacks_rotate(struct rb_node *old, struct rb_node *new)
{
	struct vm_area_struct *o = rb_entry(old, struct vm_area_struct, vm_rb);

	vma_gap_callbacks_copy(old, new);
	o->rb_subtree_gap = vma_compute_subtree_gap(o);
}

static const struct rb_augment_callbacks vma_gap_callbacks = {
	.propagate = vma_gap_callbacks_propagate,
	.copy = vma_gap_callbacks_copy,
	.rotate = vma_gap_callbacks_rotate,
};

/* vma's gap changed (its vm_start or the previous VMA's vm_end moved):
 * recompute rb_subtree_gap from vma up to the root. */
static void vma_gap_update(struct vm_area_struct *vma)
{
	vma_gap_callbacks_propagate(&vma->vm_rb, NULL);
}

/* Link vma into the list after prev (NULL: at the head) and into the tree. */
static void vma_link(struct mm_struct *mm, struct vm_area_struct *vma,
		     struct vm_area_struct *prev)
{
	struct rb_node **link = &mm->mm_rb.rb_node, *parent = NULL;

	vma->vm_prev = prev;
	if (prev) {
		vma->vm_next = prev->vm_next;
		prev->vm_next = vma;
	} else {
		vma->vm_next = mm->mmap;
		mm->mmap = vma;
	}
	if (vma->vm_next)
		vma->vm_next->vm_prev = vma;
	mm->map_count++;

	/* every rb_subtree_gap must be right before the rebalance, whose
	 * rotations copy them: first the next VMA's gap, which now ends at
	 * vma, then vma as a leaf, its gap counted on the path up */
	if (vma->vm_next)
		vma_gap_update(vma->vm_next);
	while (*link) {
		struct vm_area_struct *v;
		parent = *link;
		v = rb_entry(parent, struct vm_area_struct, vm_rb);
		link = vma->vm_start < v->vm_start ? &parent->rb_left : &parent->rb_right;
	}
	rb_link_node(&vma->vm_rb, parent, link);
	vma->rb_subtree_gap = 0;
	vma_gap_update(vma);
	rb_insert_augmented(&vma->vm_rb, &mm->mm_rb, &vma_gap_callbacks);
}

static void vma_unlink(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *next = vma->vm_next;

	rb_erase_augmented(&vma->vm_rb, &mm->mm_rb, &vma_gap_callbacks);
	if (vma->vm_prev)
		vma->vm_prev->vm_next = next;
	else
		mm->mmap = next;
	if (next) {
		next->vm_prev = vma->vm_prev;
		vma_gap_update(next);	/* its gap now takes in vma's range */
	}
	mm->map_count--;
}

/* Insert a new VMA; fails with -ENOMEM if it overlaps an existing one. */
int insert_vm_struct(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *prev;
	struct vm_area_struct *next = find_vma_prev(mm, vma->vm_start, &prev);

	if (next && next->vm_start < vma->vm_end)
		return -ENOMEM;
	if (next)
		prev = next->vm_prev;
	vma_link(mm, vma, prev);
	return 0;
}

/* Free a VMA that is already unlinked and whose pages are gone. */
static void remove_vma(struct vm_area_struct *vma)
{
	unlink_anon_vmas(vma);
	shmem_vma_put(vma);
	vm_area_free(vma);
}

/*
 * Split vma at addr (page-aligned, strictly inside it) into two VMAs. With
 * new_below the new VMA is the lower part, otherwise the upper part. Both
 * keep the same anon_vmas, so rmap still finds every page. A huge PMD that
 * straddles addr is split first: a 2 MiB mapping cannot belong to two VMAs.
 */
int split_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr, int new_below)
{
	struct vm_area_struct *new;

	if (mm->map_count >= sysctl_max_map_count)
		return -ENOMEM;
	vma_adjust_trans_huge(vma, addr);
	new = vm_area_dup(vma);
	if (!new)
		return -ENOMEM;
	if (anon_vma_clone(new, vma)) {
		shmem_vma_put(new);
		vm_area_free(new);
		return -ENOMEM;
	}
	/* vma keeps its place in the tree: its start only moves up to addr,
	 * still above its predecessor, or its end moves down. No gap changes:
	 * new fills the range vma gave up (vma_link recomputes the gap above
	 * new before the tree looks at it) */
	if (new_below) {
		new->vm_end = addr;
		vma->vm_pgoff += (addr - vma->vm_start) >> PAGE_SHIFT;
		vma->vm_start = addr;
		insert_vm_struct(mm, new);
	} else {
		new->vm_start = addr;
		new->vm_pgoff += (addr - vma->vm_start) >> PAGE_SHIFT;
		vma->vm_end = addr;
		insert_vm_struct(mm, new);
	}
	return 0;
}

/* May pages of both a and b live under one anon_vma after a merge? */
static bool anon_vmas_compatible(struct vm_area_struct *a, struct vm_area_struct *b)
{
	if (a->anon_vma == b->anon_vma)
		return true;
	if (!a->anon_vma)
		return list_empty(&b->anon_vma_chain) || b->anon_vma_chain.next == b->anon_vma_chain.prev;
	if (!b->anon_vma)
		return list_empty(&a->anon_vma_chain) || a->anon_vma_chain.next == a->anon_vma_chain.prev;
	return false;
}

/* Can next be glued to the end of prev? Same flags, adjacent, pgoff contiguous. */
static bool can_merge(struct vm_area_struct *prev, struct vm_area_struct *next)
{
	return prev->vm_end == next->vm_start &&
	       prev->vm_flags == next->vm_flags &&
	       prev->vm_name == next->vm_name &&
	       prev->vm_private_data == next->vm_private_data &&
	       prev->vm_pgoff + vma_pages(prev) == next->vm_pgoff &&
	       anon_vmas_compatible(prev, next);
}

/* Glue next onto prev (can_merge said yes) and free next. */
static void merge_into_prev(struct mm_struct *mm, struct vm_area_struct *prev,
			    struct vm_area_struct *next)
{
	if (!prev->anon_vma && next->anon_vma) {
		/* prev has no pages of its own: it takes over next's chains */
		struct anon_vma_chain *avc;
		list_splice_init(&next->anon_vma_chain, &prev->anon_vma_chain);
		list_for_each_entry(avc, &prev->anon_vma_chain, same_vma)
			avc->vma = prev;
		prev->anon_vma = next->anon_vma;
	}
	/* next leaves first: prev may not overlap it, not even for a moment */
	vma_unlink(mm, next);
	prev->vm_end = next->vm_end;
	if (prev->vm_next)
		vma_gap_update(prev->vm_next);
	remove_vma(next);
}

/* Merge vma with its neighbours where possible; returns the VMA that now
 * covers vma's range. */
struct vm_area_struct *vma_merge_neighbours(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *next = vma->vm_next, *prev = vma->vm_prev;

	if (next && can_merge(vma, next))
		merge_into_prev(mm, vma, next);
	if (prev && can_merge(prev, vma)) {
		merge_into_prev(mm, prev, vma);
		vma = prev;
	}
	return vma;
}

/* Make [start, end) a VMA of its own (splitting vma at the ends if needed)
 * so that its flags can change; returns it or an ERR_PTR. */
struct vm_area_struct *vma_isolate_range(struct mm_struct *mm, struct vm_area_struct *vma,
					 unsigned long start, unsigned long end)
{
	int err;
	if (start > vma->vm_start) {
		err = split_vma(mm, vma, start, 1);
		if (err)
			return ERR_PTR(err);
	}
	if (end < vma->vm_end) {
		err = split_vma(mm, vma, end, 0);
		if (err)
			return ERR_PTR(err);
	}
	return vma;
}

/* What get_unmapped_area asks for (Linux's struct vm_unmapped_area_info):
 * length bytes inside [low_limit, high_limit), the start a multiple of
 * align_mask + 1. */
struct vm_unmapped_area_info {
	unsigned long length;
	unsigned long low_limit;
	unsigned long high_limit;
	unsigned long align_mask;
};

/* Where a top-down search puts info's range in the free gap [lo, hi): as
 * high as it goes, the start aligned down; -ENOMEM if it does not fit. */
static unsigned long gap_fit_topdown(unsigned long lo, unsigned long hi,
				     const struct vm_unmapped_area_info *info)
{
	unsigned long addr;

	lo = max(lo, info->low_limit);
	hi = min(hi, info->high_limit);
	if (hi < lo || hi - lo < info->length)
		return -ENOMEM;
	addr = (hi - info->length) & ~info->align_mask;
	if (addr < lo)
		return -ENOMEM;
	return addr;
}

/* The same for a bottom-up search: as low as it goes, the start aligned up. */
static unsigned long gap_fit_bottomup(unsigned long lo, unsigned long hi,
				      const struct vm_unmapped_area_info *info)
{
	unsigned long addr;

	lo = max(lo, info->low_limit);
	hi = min(hi, info->high_limit);
	if (hi < lo || hi - lo < info->length)
		return -ENOMEM;
	addr = (lo + info->align_mask) & ~info->align_mask;
	if (addr > hi - info->length)
		return -ENOMEM;
	return addr;
}

static unsigned long vma_gap_start(struct vm_area_struct *vma)
{
	return vma->vm_prev ? vma->vm_prev->vm_end : 0;
}

/*
 * The highest place for info in a gap below a VMA of the subtree at rb, or
 * -ENOMEM. Higher addresses are to the right: the right subtree first, then
 * the gap below this VMA, then the left subtree. A subtree is skipped when
 * its rb_subtree_gap is smaller than the length, or when it lies wholly
 * above high_limit or below low_limit, so the walk goes down one path:
 * O(log n), the recursion as deep as the tree (at most 2 log2(n + 1)). A
 * gap of at least length can still miss the alignment; the walk then moves
 * on to the next lower gap.
 */
static unsigned long gap_search_topdown(struct rb_node *rb,
					const struct vm_unmapped_area_info *info)
{
	struct vm_area_struct *vma;
	unsigned long addr;

	if (!rb)
		return -ENOMEM;
	vma = rb_entry(rb, struct vm_area_struct, vm_rb);
	if (vma->rb_subtree_gap < info->length)
		return -ENOMEM;
	/* the gaps of the right subtree lie above vm_end */
	if (vma->vm_end < info->high_limit) {
		addr = gap_search_topdown(rb->rb_right, info);
		if (!IS_ERR_VALUE(addr))
			return addr;
	}
	addr = gap_fit_topdown(vma_gap_start(vma), vma->vm_start, info);
	if (!IS_ERR_VALUE(addr))
		return addr;
	/* the gaps of the left subtree lie below vm_start */
	if (vma->vm_start <= info->low_limit)
		return -ENOMEM;
	return gap_search_topdown(rb->rb_left, info);
}

/* The lowest place for info in a gap below a VMA of the subtree at rb: the
 * mirror image of gap_search_topdown. */
static unsigned long gap_search_bottomup(struct rb_node *rb,
					 const struct vm_unmapped_area_info *info)
{
	struct vm_area_struct *vma;
	unsigned long addr;

	if (!rb)
		return -ENOMEM;
	vma = rb_entry(rb, struct vm_area_struct, vm_rb);
	if (vma->rb_subtree_gap < info->length)
		return -ENOMEM;
	if (vma->vm_start > info->low_limit) {
		addr = gap_search_bottomup(rb->rb_left, info);
		if (!IS_ERR_VALUE(addr))
			return addr;
	}
	addr = gap_fit_bottomup(vma_gap_start(vma), vma->vm_start, info);
	if (!IS_ERR_VALUE(addr))
		return addr;
	if (vma->vm_end >= info->high_limit)
		return -ENOMEM;
	return gap_search_bottomup(rb->rb_right, info);
}

/* The end of the last VMA: the gap above it is below no VMA, so it is not
 * in the tree and each search looks at it on its own. */
static unsigned long highest_vm_end(struct mm_struct *mm)
{
	struct rb_node *last = rb_last(&mm->mm_rb);

	return last ? rb_entry(last, struct vm_area_struct, vm_rb)->vm_end : 0;
}

/* The highest free range that fits info, or -ENOMEM. */
static unsigned long unmapped_area_topdown(struct mm_struct *mm,
					   const struct vm_unmapped_area_info *info)
{
	unsigned long addr = gap_fit_topdown(highest_vm_end(mm), TASK_SIZE, info);

	if (!IS_ERR_VALUE(addr))
		return addr;
	return gap_search_topdown(mm->mm_rb.rb_node, info);
}

/* The lowest free range that fits info, or -ENOMEM. */
static unsigned long unmapped_area(struct mm_struct *mm, const struct vm_unmapped_area_info *info)
{
	unsigned long addr = gap_search_bottomup(mm->mm_rb.rb_node, info);

	if (!IS_ERR_VALUE(addr))
		return addr;
	return gap_fit_bottomup(highest_vm_end(mm), TASK_SIZE, info);
}

/*
 * A free range of len bytes for mmap: addr itself when it is a free hint at
 * or above 64 KiB, otherwise the highest free range below MMAP_BASE (Linux's
 * top-down layout), or with MAP_32BIT the lowest one in [1 GiB, 2 GiB), as
 * on Linux x86-64. Anonymous mappings of 2 MiB or more get a 2 MiB-aligned
 * start, so that THP can map them with huge PMDs from the first byte (what
 * Linux 6.7+ does in thp_get_unmapped_area). Returns -ENOMEM if nothing fits.
 */
unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long addr, unsigned long len,
				unsigned long flags)
{
	struct vm_unmapped_area_info info = {
		.length = len,
		.low_limit = PAGE_SIZE * 16,
		.high_limit = MMAP_BASE,
		.align_mask = PAGE_SIZE - 1,
	};
	unsigned long hint_limit = TASK_SIZE;

	if (flags & MAP_32BIT) {
		info.low_limit = 1UL << 30;
		info.high_limit = hint_limit = 2UL << 30;
	}
	if (len > hint_limit)
		return -ENOMEM;
	addr = PAGE_ALIGN(addr);
	if (addr >= PAGE_SIZE * 16 && addr <= hint_limit - len &&
	    !find_vma_intersection(mm, addr, addr + len))
		return addr;
	if (len >= HPAGE_PMD_SIZE && !(flags & MAP_SHARED))
		info.align_mask = HPAGE_PMD_SIZE - 1;
	if (flags & MAP_32BIT)
		return unmapped_area(mm, &info);
	return unmapped_area_topdown(mm, &info);
}

/* Move vma's end up to end (mremap growing in place; the range is free). */
void vma_expand_end(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long end)
{
	vma->vm_end = end;
	if (vma->vm_next)
		vma_gap_update(vma->vm_next);	/* its gap now starts at end */
}

static unsigned long calc_vm_prot_bits(unsigned long prot)
{
	return ((prot & PROT_READ) ? VM_READ : 0) | ((prot & PROT_WRITE) ? VM_WRITE : 0) |
	       ((prot & PROT_EXEC) ? VM_EXEC : 0);
}

/* Private writable memory is "accounted": with Linux's default overcommit
 * heuristic (vm.overcommit_memory = 0) one mapping may not exceed all of
 * RAM plus swap (there is no swap here). */
static bool accountable_mapping(unsigned long vm_flags)
{
	return (vm_flags & (VM_NORESERVE | VM_SHARED | VM_WRITE)) == VM_WRITE;
}

/* Create the VMA for [addr, addr+len) (the range is free). */
static unsigned long mmap_region(struct mm_struct *mm, unsigned long addr, unsigned long len,
				 unsigned long vm_flags, unsigned long pgoff)
{
	struct vm_area_struct *vma;

	/* Linux's do_mmap: one more than the limit is still allowed here */
	if (mm->map_count > sysctl_max_map_count)
		return -ENOMEM;
	if (accountable_mapping(vm_flags)) {
		if (sysctl_overcommit_memory != OVERCOMMIT_ALWAYS && (len >> PAGE_SHIFT) > totalram_pages)
			return -ENOMEM;
		vm_flags |= VM_ACCOUNT;
	}
	vma = vm_area_alloc(mm);
	if (!vma)
		return -ENOMEM;
	vma->vm_start = addr;
	vma->vm_end = addr + len;
	vma->vm_flags = vm_flags;
	vma->vm_pgoff = pgoff;
	vma_set_page_prot(vma);
	if ((vm_flags & VM_SHARED) && shmem_zero_setup(vma)) {
		vm_area_free(vma);
		return -ENOMEM;
	}
	if (insert_vm_struct(mm, vma)) {
		shmem_vma_put(vma);
		vm_area_free(vma);
		return -ENOMEM;
	}
	vma = vma_merge_neighbours(mm, vma);
	khugepaged_enter_vma(vma, vma->vm_flags);
	return addr;
}

/* The work of mmap(2) for anonymous memory, with mmap_lock held for write.
 * Returns the address or a negative errno; *populate is set to the length
 * to fault in when MAP_POPULATE/MAP_LOCKED asked for it. */
unsigned long do_mmap(unsigned long addr, unsigned long len, unsigned long prot,
		      unsigned long flags, unsigned long vm_flags, unsigned long pgoff,
		      unsigned long *populate)
{
	struct mm_struct *mm = current->mm;

	*populate = 0;
	if (!len)
		return -EINVAL;
	len = PAGE_ALIGN(len);
	if (!len || len > TASK_SIZE)
		return -ENOMEM;

	if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
		if (addr & ~PAGE_MASK)
			return -EINVAL;
		if (addr > TASK_SIZE - len)
			return -ENOMEM;
		if (flags & MAP_FIXED_NOREPLACE) {
			if (find_vma_intersection(mm, addr, addr + len))
				return -EEXIST;
		} else {
			int err = do_munmap(mm, addr, len);
			if (err)
				return err;
		}
	} else {
		addr = get_unmapped_area(mm, addr, len, flags);
		if (IS_ERR_VALUE(addr))
			return addr;
	}

	vm_flags |= calc_vm_prot_bits(prot) | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
	if ((flags & MAP_TYPE) == MAP_SHARED || (flags & MAP_TYPE) == MAP_SHARED_VALIDATE) {
		vm_flags |= VM_SHARED | VM_MAYSHARE;
		pgoff = 0;
	} else {
		pgoff = addr >> PAGE_SHIFT;
	}
	if (flags & MAP_GROWSDOWN)
		vm_flags |= VM_GROWSDOWN;
	if (flags & MAP_NORESERVE)
		vm_flags |= VM_NORESERVE;
	if (flags & MAP_LOCKED)
		vm_flags |= VM_LOCKED;
	vm_flags |= mm->def_flags;	/* mlockall(MCL_FUTURE) */

	addr = mmap_region(mm, addr, len, vm_flags, pgoff);
	if (!IS_ERR_VALUE(addr) && ((flags & (MAP_POPULATE | MAP_NONBLOCK)) == MAP_POPULATE ||
				    (vm_flags & (VM_LOCKED | VM_LOCKONFAULT)) == VM_LOCKED))
		*populate = len;
	return addr;
}

long sys_mmap(unsigned long addr, unsigned long len, unsigned long prot,
	      unsigned long flags, unsigned long fd, unsigned long off)
{
	struct mm_struct *mm = current->mm;
	unsigned long populate, ret;
	unsigned long type = flags & MAP_TYPE;

	if (off & ~PAGE_MASK)
		return -EINVAL;
	if (type != MAP_PRIVATE && type != MAP_SHARED && type != MAP_SHARED_VALIDATE)
		return -EINVAL;
	if (type == MAP_SHARED_VALIDATE && (flags & ~(MAP_TYPE | MAP_FIXED | MAP_ANONYMOUS |
		MAP_32BIT | MAP_GROWSDOWN | MAP_DENYWRITE | MAP_EXECUTABLE | MAP_LOCKED |
		MAP_NORESERVE | MAP_POPULATE | MAP_NONBLOCK | MAP_STACK | MAP_HUGETLB |
		MAP_FIXED_NOREPLACE | MAP_SYNC | MAP_UNINITIALIZED | (0x3fUL << 26))))
		return -EOPNOTSUPP;
	if (!(flags & MAP_ANONYMOUS)) {
		/* file mappings: only the error Linux gives for a file that
		 * cannot be mapped (there is no page cache here) */
		struct file *f = fget(fd);
		if (!f)
			return -EBADF;
		fput(f);
		return -ENODEV;
	}
	if (flags & MAP_HUGETLB)
		return -ENOMEM;		/* no hugetlbfs pool (Linux: nr_hugepages = 0) */
	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_GROWSDOWN | PROT_GROWSUP))
		return -EINVAL;

	mmap_write_lock(mm);
	ret = do_mmap(addr, len, prot, flags, 0, off >> PAGE_SHIFT, &populate);
	mmap_write_unlock(mm);
	if (populate)
		mm_populate(ret, populate);
	return ret;
}

/* Remove [start, start+len) from the address space: split the VMAs at the
 * ends, zap their pages, free page tables nobody needs any more, and free
 * the VMAs. Called with mmap_lock held for write. */
int do_munmap(struct mm_struct *mm, unsigned long start, size_t len)
{
	unsigned long end;
	struct vm_area_struct *vma, *next;
	int err;

	if ((start & ~PAGE_MASK) || start > TASK_SIZE || len > TASK_SIZE - start)
		return -EINVAL;
	len = PAGE_ALIGN(len);
	if (!len)
		return -EINVAL;
	end = start + len;

	vma = find_vma(mm, start);
	if (!vma || vma->vm_start >= end)
		return 0;
	if (start > vma->vm_start) {
		err = split_vma(mm, vma, start, 0);
		if (err)
			return err;
		vma = vma->vm_next;
	}
	struct vm_area_struct *last = find_vma(mm, end);
	if (last && end > last->vm_start) {
		err = split_vma(mm, last, end, 1);
		if (err)
			return err;
	}
	vma = find_vma(mm, start);	/* the split may have moved vma above end */
	/* zap and unlink every VMA inside [start, end) */
	for (struct vm_area_struct *v = vma; v && v->vm_start < end; v = next) {
		next = v->vm_next;
		unmap_vmas(v, v->vm_start, v->vm_end);
		vma_unlink(mm, v);
		remove_vma(v);
	}
	free_pgtables(mm, start, end);
	return 0;
}

int vm_munmap(unsigned long start, size_t len)
{
	struct mm_struct *mm = current->mm;
	int ret;

	mmap_write_lock(mm);
	ret = do_munmap(mm, start, len);
	mmap_write_unlock(mm);
	return ret;
}

long sys_munmap(unsigned long addr, size_t len)
{
	return vm_munmap(addr, len);
}

/* Anonymous memory at [addr, addr+len) for brk or the ELF loader's bss. */
unsigned long vm_brk_flags(unsigned long addr, unsigned long len, unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	unsigned long vm_flags = VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC | flags |
				 mm->def_flags;

	len = PAGE_ALIGN(len);
	if (!len)
		return addr;
	if (addr + len > TASK_SIZE || addr + len < addr)
		return -ENOMEM;
	if (find_vma_intersection(mm, addr, addr + len))
		return -ENOMEM;
	return mmap_region(mm, addr, len, vm_flags, addr >> PAGE_SHIFT);
}

/* brk(2): move the end of the heap. Returns the new break, or the old one
 * when the request cannot be satisfied (that is how Linux reports failure). */
long sys_brk(unsigned long brk)
{
	struct mm_struct *mm = current->mm;
	unsigned long newbrk, oldbrk, ret;
	bool populate = false;

	mmap_write_lock(mm);
	ret = mm->brk;
	if (brk < mm->start_brk)
		goto out;
	newbrk = PAGE_ALIGN(brk);
	oldbrk = PAGE_ALIGN(mm->brk);
	if (oldbrk == newbrk) {
		mm->brk = brk;
		ret = brk;
		goto out;
	}
	if (brk <= mm->brk) {
		if (do_munmap(mm, newbrk, oldbrk - newbrk))
			goto out;
		mm->brk = brk;
		ret = brk;
		goto out;
	}
	/* keep a gap below the next mapping (the stack, usually) */
	struct vm_area_struct *next = find_vma(mm, oldbrk);
	if (next && newbrk + PAGE_SIZE > next->vm_start)
		goto out;
	if (IS_ERR_VALUE(vm_brk_flags(oldbrk, newbrk - oldbrk, 0)))
		goto out;
	mm->brk = brk;
	ret = brk;
	/* after mlockall(MCL_FUTURE) the new heap is faulted in at once */
	populate = (mm->def_flags & (VM_LOCKED | VM_LOCKONFAULT)) == VM_LOCKED;
out:
	mmap_write_unlock(mm);
	if (populate)
		mm_populate(oldbrk, newbrk - oldbrk);
	return ret;
}

/* Grow a VM_GROWSDOWN VMA (the stack) down to address. */
int expand_stack(struct vm_area_struct *vma, unsigned long address)
{
	struct vm_area_struct *prev = vma->vm_prev;
	unsigned long new_start = address & PAGE_MASK;

	if (!(vma->vm_flags & VM_GROWSDOWN))
		return -EFAULT;
	if (vma->vm_end - new_start > STACK_LIMIT)
		return -ENOMEM;
	if (prev && prev->vm_end > new_start - STACK_GUARD_GAP && !(prev->vm_flags & VM_GROWSDOWN))
		return -ENOMEM;
	/* the start moves down but stays above prev: the tree order holds */
	vma->vm_pgoff -= (vma->vm_start - new_start) >> PAGE_SHIFT;
	vma->vm_start = new_start;
	vma_gap_update(vma);
	return 0;
}

/* Fault in [start, start+len) now (MAP_POPULATE, MADV_POPULATE_*). */
int mm_populate(unsigned long start, unsigned long len)
{
	struct mm_struct *mm = current->mm;
	unsigned long end = start + len, addr = start;
	int ret = 0;

	mmap_read_lock(mm);
	while (addr < end) {
		struct vm_area_struct *vma = find_vma(mm, addr);
		if (!vma || vma->vm_start > addr) {
			ret = -ENOMEM;
			break;
		}
		if (!(vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC))) {
			addr = vma->vm_end;
			continue;
		}
		unsigned int flags = (vma->vm_flags & VM_WRITE) ? FAULT_FLAG_WRITE : 0;
		if (handle_mm_fault(vma, addr, flags) & VM_FAULT_ERROR) {
			ret = -ENOMEM;
			break;
		}
		/* one fault may have mapped a whole huge page */
		pmd_t *pmd = mm_find_pmd(mm, addr);
		if (pmd && pmd_trans_huge(*pmd))
			addr = (addr & HPAGE_PMD_MASK) + HPAGE_PMD_SIZE;
		else
			addr += PAGE_SIZE;
		cond_resched();
	}
	mmap_read_unlock(mm);
	return ret;
}

/* Tear down a whole address space (exit, exec). */
void exit_mmap(struct mm_struct *mm)
{
	struct vm_area_struct *vma = mm->mmap, *next;

	mmap_write_lock(mm);
	for (; vma; vma = vma->vm_next)
		unmap_vmas(vma, vma->vm_start, vma->vm_end);
	free_pgtables(mm, 0, TASK_SIZE);
	for (vma = mm->mmap; vma; vma = next) {
		next = vma->vm_next;
		vma_unlink(mm, vma);
		remove_vma(vma);
	}
	mmap_write_unlock(mm);
}

/* Debug check: every VMA's rb_subtree_gap is the largest of its own gap and
 * its children's (so, by induction, the largest gap in its subtree). Returns
 * the number of VMAs where it is wrong. */
int validate_mm_rb(struct mm_struct *mm)
{
	int bad = 0;

	for (struct vm_area_struct *v = mm->mmap; v; v = v->vm_next)
		if (v->rb_subtree_gap != vma_compute_subtree_gap(v))
			bad++;
	return bad;
}

/* Debug check: list and tree agree, VMAs sorted and non-overlapping.
 * Returns the number of problems found. */
int validate_mm(struct mm_struct *mm)
{
	int bad = 0, n = 0;
	struct rb_node *rb = rb_first(&mm->mm_rb);
	struct vm_area_struct *prev = NULL;

	for (struct vm_area_struct *v = mm->mmap; v; prev = v, v = v->vm_next, n++) {
		if (!rb || rb_entry(rb, struct vm_area_struct, vm_rb) != v)
			bad++;
		if (rb)
			rb = rb_next(rb);
		if (v->vm_start >= v->vm_end || (prev && prev->vm_end > v->vm_start) || v->vm_prev != prev)
			bad++;
	}
	if (rb || n != mm->map_count || rb_check(&mm->mm_rb) < 0)
		bad++;
	return bad;
}
