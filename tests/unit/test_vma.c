/* Host tests of the VMA tree and its range arithmetic: mm/mmap.c (find_vma,
 * split, merge, mmap, munmap, brk, stack growth), mm/mprotect.c and
 * mm/madvise.c, with lib/rbtree.c. The page tables are not built here: the
 * calls that would touch them are recorded, and checked to cover exactly
 * the pages the operation changed. Layouts print as "0-4:rw-a 8-12:r--",
 * page numbers counted from BASE, then r w x, s (shared), a (VM_ACCOUNT:
 * private writable memory is charged, as in Linux), G H N R S (GROWSDOWN,
 * HUGEPAGE, NOHUGEPAGE, RAND_READ, SEQ_READ). */
#include <linux/mm.h>
#include <linux/rmap.h>
#include <linux/huge_mm.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/shmem.h>
#include <linux/syscalls.h>
#include "harness.h"

int do_mprotect(unsigned long start, size_t len, unsigned long prot);	/* mm/mprotect.c */

#define BASE 0x40000000UL		/* page 0 of every layout */
#define A(page) (BASE + (unsigned long)(page) * PAGE_SIZE)
#define MMAP_BASE (TASK_SIZE - (1UL << 30))	/* as in mm/mmap.c */
#define VM_MAY (VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC)

static struct mm_struct mm;
static struct task_struct test_task;
unsigned long totalram_pages = 262144;	/* a 1 GiB machine, for overcommit */
int sysctl_overcommit_memory;			/* /proc/sys/vm knobs (mm/sysctl_vm.c) */
int sysctl_max_map_count = DEFAULT_MAX_MAP_COUNT;
struct task_struct *current_task = &test_task;

/* ---- recorded calls: page ranges relative to BASE ---- */

struct log {
	int n;
	long start[64], end[64];
};
static struct log unmapped, protected, zapped, pgtables_freed, thp_adjusted;

static void log_range(struct log *l, unsigned long start, unsigned long end)
{
	if (l->n < 64) {
		l->start[l->n] = ((long)start - (long)BASE) / (long)PAGE_SIZE;
		l->end[l->n] = ((long)end - (long)BASE) / (long)PAGE_SIZE;
	}
	l->n++;
}

static const char *log_text(const struct log *l)
{
	static char buf[4][1024];
	static int which;
	char *b = buf[which = (which + 1) % 4];
	int len = 0;
	b[0] = 0;
	for (int i = 0; i < l->n && i < 64 && len < 1000; i++)
		len += h_snprintf(b + len, sizeof(buf[0]) - len, "%s%ld-%ld", i ? " " : "", l->start[i], l->end[i]);
	return b;
}

/* ---- what the VMA code calls outside itself ---- */

static void must_hold_write(const char *who)
{
	if (mm.mmap_lock.count != -1)
		panic("%s: mmap_lock not held for write", who);
}

void down_read(struct rw_semaphore *s)
{
	if (s->count < 0)
		panic("down_read: already held for write (deadlock)");
	s->count++;
}

void up_read(struct rw_semaphore *s)
{
	if (s->count <= 0)
		panic("up_read: not held for read");
	s->count--;
}

void down_write(struct rw_semaphore *s)
{
	if (s->count)
		panic("down_write: already held (deadlock)");
	s->count = -1;
}

void up_write(struct rw_semaphore *s)
{
	if (s->count != -1)
		panic("up_write: not held for write");
	s->count = 0;
}

/* Object allocations: counted, and made to fail on request. kmalloc
 * memory is filled with junk, as freshly allocated memory may be. */
static long live_objects;
static int kmalloc_fail_at = -1;	/* 0: the next allocation fails */

static void *object_alloc(size_t size, int junk)
{
	if (kmalloc_fail_at >= 0 && kmalloc_fail_at-- == 0)
		return NULL;
	void *p = h_calloc(1, size);
	if (junk)
		memset(p, 0x6b, size);
	live_objects++;
	return p;
}

void *kmalloc(size_t size, gfp_t gfp) { return object_alloc(size, 1); }
void *kzalloc(size_t size, gfp_t gfp) { return object_alloc(size, 0); }

void kfree(const void *p)
{
	if (p)
		live_objects--;
	h_free((void *)p);
}

/* A MAP_SHARED mapping's object: one reference per VMA using it. */
struct shmem_ref {
	int refs;
};
static long live_shmem;

int shmem_zero_setup(struct vm_area_struct *vma)
{
	struct shmem_ref *o = h_calloc(1, sizeof(*o));
	o->refs = 1;
	live_shmem++;
	vma->vm_private_data = o;
	return 0;
}

void shmem_vma_get(struct vm_area_struct *vma)
{
	struct shmem_ref *o = vma->vm_private_data;
	if (o)
		o->refs++;
}

void shmem_vma_put(struct vm_area_struct *vma)
{
	struct shmem_ref *o = vma->vm_private_data;
	if (o && --o->refs == 0) {
		live_shmem--;
		h_free(o);
	}
}

/* No page was ever faulted in: no VMA has an anon_vma to share. */
int anon_vma_clone(struct vm_area_struct *dst, struct vm_area_struct *src)
{
	if (src->anon_vma)
		panic("anon_vma_clone: unexpected anon_vma");
	return 0;
}

void unlink_anon_vmas(struct vm_area_struct *vma) {}

void unmap_vmas(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	must_hold_write("unmap_vmas");
	if (start < vma->vm_start || end > vma->vm_end)
		panic("unmap_vmas: [%#lx-%#lx) outside its VMA", start, end);
	log_range(&unmapped, start, end);
}

void free_pgtables(struct mm_struct *m, unsigned long start, unsigned long end)
{
	must_hold_write("free_pgtables");
	log_range(&pgtables_freed, start, end);
}

void change_protection(struct vm_area_struct *vma, unsigned long start, unsigned long end, pgprot_t newprot)
{
	must_hold_write("change_protection");
	if (start < vma->vm_start || end > vma->vm_end)
		panic("change_protection: [%#lx-%#lx) outside its VMA", start, end);
	log_range(&protected, start, end);
}

void zap_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long size)
{
	if (start < vma->vm_start || start + size > vma->vm_end)
		panic("zap_page_range: [%#lx-%#lx) outside its VMA", start, start + size);
	log_range(&zapped, start, start + size);
}

/* A huge PMD straddling a split point would be split here. */
void vma_adjust_trans_huge(struct vm_area_struct *vma, unsigned long addr)
{
	log_range(&thp_adjusted, addr, addr);
}

/* As Linux's: MADV_HUGEPAGE and MADV_NOHUGEPAGE exclude each other. */
int hugepage_madvise(struct vm_area_struct *vma, unsigned long *vm_flags, int advice)
{
	if (advice == MADV_HUGEPAGE)
		*vm_flags = (*vm_flags & ~VM_NOHUGEPAGE) | VM_HUGEPAGE;
	else
		*vm_flags = (*vm_flags & ~VM_HUGEPAGE) | VM_NOHUGEPAGE;
	return 0;
}

int madvise_collapse(struct vm_area_struct *vma, unsigned long start, unsigned long end) { return 0; }
void khugepaged_enter_vma(struct vm_area_struct *vma, unsigned long vm_flags) {}
int handle_mm_fault(struct vm_area_struct *vma, unsigned long address, unsigned int flags) { return 0; }
pmd_t *mm_find_pmd(struct mm_struct *m, unsigned long address) { return NULL; }
void cond_resched(void) {}
struct file *fget(unsigned int fd) { return NULL; }
void fput(struct file *f) {}

/* ---- helpers ---- */

static void clear_logs(void)
{
	unmapped.n = protected.n = zapped.n = pgtables_freed.n = thp_adjusted.n = 0;
}

/* A fresh address space; whatever the last case left is torn down first. */
static void reset(void)
{
	mm.mmap_lock.count = 0;
	kmalloc_fail_at = -1;
	if (mm.mmap)
		exit_mmap(&mm);
	live_objects = live_shmem = 0;
	memset(&mm, 0, sizeof(mm));
	mm.mm_rb = RB_ROOT;
	test_task.mm = &mm;
	clear_logs();
}

static long map_flags(long from, long to, unsigned long prot, unsigned long flags)
{
	return sys_mmap(A(from), (to - from) * PAGE_SIZE, prot, flags | MAP_ANONYMOUS | MAP_FIXED, -1UL, 0);
}

/* A private anonymous mapping of pages [from, to) with MAP_FIXED. */
static bool map(long from, long to, unsigned long prot)
{
	long r = map_flags(from, to, prot, MAP_PRIVATE);
	if (r != (long)A(from))
		return fail("expected mmap of pages %ld-%ld at %#lx, saw %ld", from, to, A(from), r);
	return true;
}

static long unmap(long from, long to)
{
	return sys_munmap(A(from), (to - from) * PAGE_SIZE);
}

static long protect(long from, long to, unsigned long prot)
{
	return do_mprotect(A(from), (to - from) * PAGE_SIZE, prot);
}

static long advise(long from, long to, int advice)
{
	return sys_madvise(A(from), (to - from) * PAGE_SIZE, advice);
}

static void flags_text(char *b, unsigned long f)
{
	int n = 0;
	b[n++] = f & VM_READ ? 'r' : '-';
	b[n++] = f & VM_WRITE ? 'w' : '-';
	b[n++] = f & VM_EXEC ? 'x' : '-';
	if (f & VM_SHARED)
		b[n++] = 's';
	if (f & VM_ACCOUNT)
		b[n++] = 'a';
	if (f & VM_GROWSDOWN)
		b[n++] = 'G';
	if (f & VM_HUGEPAGE)
		b[n++] = 'H';
	if (f & VM_NOHUGEPAGE)
		b[n++] = 'N';
	if (f & VM_RAND_READ)
		b[n++] = 'R';
	if (f & VM_SEQ_READ)
		b[n++] = 'S';
	b[n] = 0;
}

/* The VMA list as text. */
static const char *layout(void)
{
	static char buf[2][4096];
	static int which;
	char *b = buf[which ^= 1], f[16];
	int len = 0;
	b[0] = 0;
	for (struct vm_area_struct *v = mm.mmap; v && len < 4000; v = v->vm_next) {
		flags_text(f, v->vm_flags);
		len += h_snprintf(b + len, sizeof(buf[0]) - len, "%s%ld-%ld:%s", len ? " " : "",
				  ((long)v->vm_start - (long)BASE) / (long)PAGE_SIZE,
				  ((long)v->vm_end - (long)BASE) / (long)PAGE_SIZE, f);
	}
	return b;
}

/* rb_subtree_gap recomputed from scratch below rb, each VMA's gap measured
 * to its predecessor in the tree (not through vm_prev); the first VMA whose
 * stored value differs is reported in *wrong. Returns the subtree's value. */
static unsigned long brute_subtree_gap(struct rb_node *rb, struct vm_area_struct **wrong)
{
	if (!rb)
		return 0;
	struct vm_area_struct *v = rb_entry(rb, struct vm_area_struct, vm_rb);
	struct rb_node *before = rb_prev(rb);
	unsigned long gap = v->vm_start - (before ? rb_entry(before, struct vm_area_struct, vm_rb)->vm_end : 0);
	unsigned long left = brute_subtree_gap(rb->rb_left, wrong), right = brute_subtree_gap(rb->rb_right, wrong);
	gap = max(gap, max(left, right));
	if (gap != v->rb_subtree_gap && !*wrong)
		*wrong = v;
	return gap;
}

static bool subtree_gaps_right(void)
{
	struct vm_area_struct *wrong = NULL;
	brute_subtree_gap(mm.mm_rb.rb_node, &wrong);
	if (wrong)
		return fail("expected rb_subtree_gap %#lx for the VMA at %#lx, saw %#lx (layout %s)",
			    brute_subtree_gap(&wrong->vm_rb, &wrong), wrong->vm_start, wrong->rb_subtree_gap, layout());
	return expect_l("validate_mm_rb()", 0, validate_mm_rb(&mm));
}

/* The tree, the list and the counters agree; every rb_subtree_gap is right;
 * no VMA object is leaked; anonymous private VMAs keep vm_pgoff = vm_start
 * >> PAGE_SHIFT. */
static bool consistent(void)
{
	int n = 0;
	if (!expect_l("validate_mm()", 0, validate_mm(&mm)) || !subtree_gaps_right())
		return false;
	for (struct vm_area_struct *v = mm.mmap; v; v = v->vm_next, n++) {
		if (!(v->vm_flags & VM_SHARED) && v->vm_pgoff != v->vm_start >> PAGE_SHIFT)
			return fail("expected vm_pgoff %#lx for the VMA at %#lx, saw %#lx",
				    v->vm_start >> PAGE_SHIFT, v->vm_start, v->vm_pgoff);
		if (v->vm_mm != &mm)
			return fail("expected vm_mm set on the VMA at %#lx, saw %p", v->vm_start, (void *)v->vm_mm);
	}
	if (!expect_l("map_count", n, mm.map_count))
		return false;
	return expect_l("VMA objects allocated", n, live_objects);
}

static bool expect_layout(const char *want)
{
	return expect_str("layout", want, layout()) && consistent();
}

/* ---- mmap and merging ---- */

static void mmap_fixed_creates_one_vma(void)
{
	reset();
	if (map(0, 4, PROT_READ | PROT_WRITE))
		expect_layout("0-4:rw-a");
}

static void adjacent_mmap_above_merges(void)
{
	reset();
	map(0, 4, PROT_READ | PROT_WRITE);
	map(4, 8, PROT_READ | PROT_WRITE);
	expect_layout("0-8:rw-a");
}

static void adjacent_mmap_below_merges(void)
{
	reset();
	map(4, 8, PROT_READ);
	map(0, 4, PROT_READ);
	expect_layout("0-8:r--");
}

static void mmap_filling_a_gap_merges_both_sides(void)
{
	reset();
	map(0, 4, PROT_READ | PROT_WRITE);
	map(8, 12, PROT_READ | PROT_WRITE);
	if (!expect_layout("0-4:rw-a 8-12:rw-a"))
		return;
	map(4, 8, PROT_READ | PROT_WRITE);
	expect_layout("0-12:rw-a");
}

static void different_protections_do_not_merge(void)
{
	reset();
	map(0, 4, PROT_READ | PROT_WRITE);
	map(4, 8, PROT_READ);
	map(8, 12, PROT_READ | PROT_EXEC);
	expect_layout("0-4:rw-a 4-8:r-- 8-12:r-x");
}

static void separate_shared_mappings_do_not_merge(void)
{
	reset();
	map_flags(0, 4, PROT_READ | PROT_WRITE, MAP_SHARED);
	map_flags(4, 8, PROT_READ | PROT_WRITE, MAP_SHARED);
	if (!expect_layout("0-4:rw-s 4-8:rw-s"))
		return;
	/* split one and glue it back: the pieces share one object again */
	protect(1, 2, PROT_READ);
	if (!expect_layout("0-1:rw-s 1-2:r--s 2-4:rw-s 4-8:rw-s"))
		return;
	protect(1, 2, PROT_READ | PROT_WRITE);
	if (!expect_layout("0-4:rw-s 4-8:rw-s"))
		return;
	unmap(0, 8);
	expect_l("shared objects left", 0, live_shmem);
}

static void mmap_fixed_over_the_middle_replaces_that_part(void)
{
	reset();
	map(0, 12, PROT_READ | PROT_WRITE);
	clear_logs();
	map(4, 8, PROT_READ);
	if (!expect_layout("0-4:rw-a 4-8:r-- 8-12:rw-a"))
		return;
	expect_str("unmapped ranges", "4-8", log_text(&unmapped));
}

static void mmap_fixed_noreplace_refuses_an_overlap(void)
{
	reset();
	map(4, 8, PROT_READ);
	long r = map_flags(6, 10, PROT_READ, MAP_PRIVATE | MAP_FIXED_NOREPLACE);
	if (!expect_l("mmap(MAP_FIXED_NOREPLACE) over a mapping", -EEXIST, r))
		return;
	if (!expect_layout("4-8:r--"))
		return;
	r = sys_mmap(A(8), 2 * PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1UL, 0);
	if (expect_l("mmap(MAP_FIXED_NOREPLACE) of free space", A(8), r))
		expect_layout("4-10:r--");
}

static void mmap_rejects_bad_arguments(void)
{
	unsigned long anon = MAP_PRIVATE | MAP_ANONYMOUS;
	reset();
	if (!expect_l("mmap of length 0", -EINVAL, sys_mmap(0, 0, PROT_READ, anon, -1UL, 0)) ||
	    !expect_l("MAP_FIXED at an unaligned address", -EINVAL,
		      sys_mmap(A(0) + 1, PAGE_SIZE, PROT_READ, anon | MAP_FIXED, -1UL, 0)) ||
	    !expect_l("mmap with no MAP_PRIVATE or MAP_SHARED", -EINVAL,
		      sys_mmap(0, PAGE_SIZE, PROT_READ, MAP_ANONYMOUS, -1UL, 0)) ||
	    !expect_l("mmap with an unknown prot bit", -EINVAL,
		      sys_mmap(0, PAGE_SIZE, 0x10, anon, -1UL, 0)) ||
	    !expect_l("mmap of an unaligned offset", -EINVAL,
		      sys_mmap(0, PAGE_SIZE, PROT_READ, anon, -1UL, 100)) ||
	    !expect_l("mmap of a closed file", -EBADF, sys_mmap(0, PAGE_SIZE, PROT_READ, MAP_PRIVATE, 3, 0)) ||
	    !expect_l("mmap of a length beyond TASK_SIZE", -ENOMEM,
		      sys_mmap(0, TASK_SIZE + PAGE_SIZE, PROT_READ, anon, -1UL, 0)))
		return;
	expect_layout("");
}

static void mmap_of_2mib_or_more_is_2mib_aligned_below_mmap_base(void)
{
	unsigned long anon = MAP_PRIVATE | MAP_ANONYMOUS;
	reset();
	long a = sys_mmap(0, 4UL << 20, PROT_READ | PROT_WRITE, anon, -1UL, 0);
	long b = sys_mmap(0, 3UL << 20, PROT_READ, anon, -1UL, 0);
	long c = sys_mmap(0, 3 * PAGE_SIZE, PROT_READ, anon, -1UL, 0);
	if (IS_ERR_VALUE(a) || IS_ERR_VALUE(b) || IS_ERR_VALUE(c))
		return (void)fail("expected three addresses, saw %ld %ld %ld", a, b, c);
	if ((a | b) & (HPAGE_PMD_SIZE - 1))
		return (void)fail("expected 2 MiB-aligned starts, saw %#lx and %#lx", a, b);
	if ((unsigned long)a + (4UL << 20) > MMAP_BASE)
		return (void)fail("expected the mapping below MMAP_BASE %#lx, saw it at %#lx", MMAP_BASE, a);
	/* top-down: the 3 MiB one cannot fit above the first, the small one can */
	if (b + (3L << 20) > a)
		return (void)fail("expected the second mapping below the first at %#lx, saw %#lx", a, b);
	if (c < a + (4L << 20) || c + 3 * PAGE_SIZE > MMAP_BASE)
		return (void)fail("expected the small mapping in the gap above the first, [%#lx-%#lx), saw %#lx",
				  a + (4L << 20), MMAP_BASE, c);
	consistent();
}

/* Linux's default overcommit heuristic: one private writable mapping may
 * not be larger than RAM (there is no swap); others are not charged. */
static void private_writable_mapping_larger_than_ram_is_refused(void)
{
	unsigned long big = (totalram_pages + 1) * PAGE_SIZE, anon = MAP_PRIVATE | MAP_ANONYMOUS;
	unsigned long rw = PROT_READ | PROT_WRITE;
	reset();
	if (!expect_l("private writable mmap larger than RAM", -ENOMEM, sys_mmap(0, big, rw, anon, -1UL, 0)))
		return;
	long ro = sys_mmap(0, big, PROT_READ, anon, -1UL, 0);
	long nores = sys_mmap(0, big, rw, anon | MAP_NORESERVE, -1UL, 0);
	long shared = sys_mmap(0, big, rw, MAP_SHARED | MAP_ANONYMOUS, -1UL, 0);
	long ram = sys_mmap(0, totalram_pages * PAGE_SIZE, rw, anon, -1UL, 0);
	if (IS_ERR_VALUE(ro) || IS_ERR_VALUE(nores) || IS_ERR_VALUE(shared) || IS_ERR_VALUE(ram))
		return (void)fail("expected read-only, MAP_NORESERVE, shared and RAM-sized mappings to succeed, "
				  "saw %ld %ld %ld %ld", ro, nores, shared, ram);
	consistent();
}

static void mmap_hint_is_used_when_free(void)
{
	unsigned long anon = MAP_PRIVATE | MAP_ANONYMOUS;
	reset();
	long r = sys_mmap(A(10), 2 * PAGE_SIZE, PROT_READ, anon, -1UL, 0);
	if (!expect_ul("mmap at a free hint", A(10), r))
		return;
	r = sys_mmap(A(11), 2 * PAGE_SIZE, PROT_READ, anon, -1UL, 0);
	if (r == (long)A(11) || (r >= (long)A(8) && r < (long)A(12)))
		return (void)fail("expected a busy hint to be ignored, saw the mapping at %#lx", r);
	consistent();
}

/* ---- munmap ---- */

static void munmap_in_the_middle_splits_in_two(void)
{
	reset();
	map(0, 12, PROT_READ | PROT_WRITE);
	clear_logs();
	if (!expect_l("munmap", 0, unmap(4, 8)) || !expect_layout("0-4:rw-a 8-12:rw-a"))
		return;
	if (!expect_str("unmapped ranges", "4-8", log_text(&unmapped)) ||
	    !expect_str("page tables freed over", "4-8", log_text(&pgtables_freed)))
		return;
	expect_str("huge PMDs split at", "4-4 8-8", log_text(&thp_adjusted));
}

static void munmap_at_the_start_trims(void)
{
	reset();
	map(0, 12, PROT_READ | PROT_WRITE);
	unmap(0, 4);
	expect_layout("4-12:rw-a");
}

static void munmap_at_the_end_trims(void)
{
	reset();
	map(0, 12, PROT_READ | PROT_WRITE);
	unmap(8, 12);
	expect_layout("0-8:rw-a");
}

static void munmap_across_several_vmas(void)
{
	reset();
	map(0, 4, PROT_READ | PROT_WRITE);
	map(4, 8, PROT_READ);
	map(8, 12, PROT_READ | PROT_WRITE);
	map(14, 16, PROT_READ);
	clear_logs();
	if (!expect_l("munmap", 0, unmap(2, 10)) || !expect_layout("0-2:rw-a 10-12:rw-a 14-16:r--"))
		return;
	expect_str("unmapped ranges", "2-4 4-8 8-10", log_text(&unmapped));
}

static void munmap_over_vmas_and_holes_removes_them_all(void)
{
	reset();
	map(0, 2, PROT_READ);
	map(4, 6, PROT_READ | PROT_WRITE);
	map(8, 10, PROT_READ);
	if (!expect_l("munmap", 0, unmap(-4, 20)))
		return;
	expect_layout("");
}

static void munmap_of_a_hole_changes_nothing(void)
{
	reset();
	map(0, 4, PROT_READ);
	map(8, 12, PROT_READ);
	clear_logs();
	if (!expect_l("munmap of a hole", 0, unmap(4, 8)) || !expect_layout("0-4:r-- 8-12:r--"))
		return;
	expect_str("unmapped ranges", "", log_text(&unmapped));
}

static void munmap_rejects_unaligned_and_empty_ranges(void)
{
	reset();
	map(0, 4, PROT_READ);
	if (!expect_l("munmap of an unaligned start", -EINVAL, sys_munmap(A(1) + 8, PAGE_SIZE)) ||
	    !expect_l("munmap of length 0", -EINVAL, sys_munmap(A(1), 0)) ||
	    !expect_l("munmap past TASK_SIZE", -EINVAL, sys_munmap(TASK_SIZE - PAGE_SIZE, 2 * PAGE_SIZE)))
		return;
	if (!expect_l("munmap of a partial page length", 0, sys_munmap(A(1), 100)))
		return;
	expect_layout("0-1:r-- 2-4:r--");
}

static void failed_split_leaves_the_layout_unchanged(void)
{
	reset();
	map(0, 12, PROT_READ | PROT_WRITE);
	kmalloc_fail_at = 0;
	if (!expect_l("munmap when the split cannot allocate", -ENOMEM, unmap(4, 8)))
		return;
	expect_layout("0-12:rw-a");
}

static void exit_mmap_frees_every_vma(void)
{
	reset();
	for (long p = 0; p < 200; p += 2)
		map(p, p + 1, p % 4 ? PROT_READ : PROT_READ | PROT_WRITE);
	map_flags(300, 310, PROT_READ, MAP_SHARED);
	clear_logs();
	exit_mmap(&mm);
	if (!expect_l("VMAs unmapped", 101, unmapped.n) || !expect_l("map_count", 0, mm.map_count))
		return;
	if (mm.mmap || mm.mm_rb.rb_node)
		return (void)fail("expected an empty list and tree, saw %s", layout());
	if (!expect_l("VMA objects left", 0, live_objects))
		return;
	expect_l("shared objects left", 0, live_shmem);
}

/* ---- mprotect ---- */

static void mprotect_in_the_middle_splits_in_three_and_merges_back(void)
{
	reset();
	map(0, 12, PROT_READ | PROT_WRITE);
	clear_logs();
	if (!expect_l("mprotect", 0, protect(4, 8, PROT_READ)) ||
	    !expect_layout("0-4:rw-a 4-8:r--a 8-12:rw-a") ||
	    !expect_str("PTEs changed over", "4-8", log_text(&protected)))
		return;
	if (!expect_l("mprotect back", 0, protect(4, 8, PROT_READ | PROT_WRITE)))
		return;
	expect_layout("0-12:rw-a");
}

static void mprotect_at_the_start_and_at_the_end(void)
{
	reset();
	map(0, 12, PROT_READ | PROT_WRITE);
	protect(0, 4, PROT_READ);
	if (!expect_layout("0-4:r--a 4-12:rw-a"))
		return;
	protect(8, 12, PROT_READ);
	if (!expect_layout("0-4:r--a 4-8:rw-a 8-12:r--a"))
		return;
	protect(4, 8, PROT_READ);
	expect_layout("0-12:r--a");
}

static void mprotect_across_several_vmas_merges_them(void)
{
	reset();
	map(0, 4, PROT_READ);
	map(4, 8, PROT_READ | PROT_WRITE);
	map(8, 12, PROT_READ | PROT_EXEC);
	clear_logs();
	if (!expect_l("mprotect", 0, protect(0, 12, PROT_READ | PROT_WRITE)) || !expect_layout("0-12:rw-a"))
		return;
	expect_str("PTEs changed over", "0-4 8-12", log_text(&protected));
}

static void mprotect_partly_across_several_vmas(void)
{
	reset();
	map(0, 4, PROT_READ);
	map(4, 8, PROT_READ | PROT_WRITE);
	map(8, 12, PROT_READ);
	if (!expect_l("mprotect", 0, protect(2, 10, PROT_READ | PROT_WRITE)))
		return;
	expect_layout("0-2:r-- 2-10:rw-a 10-12:r--");
}

static void mprotect_stops_at_a_hole_with_enomem(void)
{
	reset();
	map(0, 4, PROT_READ | PROT_WRITE);
	map(6, 8, PROT_READ | PROT_WRITE);
	if (!expect_l("mprotect over a hole", -ENOMEM, protect(0, 8, PROT_READ)) ||
	    !expect_layout("0-4:r--a 6-8:rw-a"))
		return;
	if (!expect_l("mprotect starting in a hole", -ENOMEM, protect(4, 8, PROT_READ)))
		return;
	expect_layout("0-4:r--a 6-8:rw-a");
}

/* Linux charges private memory when mprotect first makes it writable, so
 * it carries VM_ACCOUNT like memory mapped writable and merges with it. */
static void mprotect_to_writable_charges_private_memory(void)
{
	reset();
	map(0, 4, PROT_READ);
	map(4, 8, PROT_READ | PROT_WRITE);
	if (!expect_layout("0-4:r-- 4-8:rw-a"))
		return;
	protect(0, 4, PROT_READ | PROT_WRITE);
	expect_layout("0-8:rw-a");
}

static void mprotect_to_the_same_flags_changes_nothing(void)
{
	reset();
	map(0, 12, PROT_READ);
	clear_logs();
	if (!expect_l("mprotect", 0, protect(4, 8, PROT_READ)) || !expect_layout("0-12:r--"))
		return;
	if (!expect_l("PTE changes", 0, protected.n))
		return;
	expect_l("VMA splits", 0, thp_adjusted.n);
}

static void mprotect_rejects_bad_arguments(void)
{
	reset();
	map(0, 4, PROT_READ);
	if (!expect_l("mprotect of an unaligned start", -EINVAL, do_mprotect(A(0) + 1, PAGE_SIZE, PROT_READ)) ||
	    !expect_l("mprotect with an unknown prot bit", -EINVAL, protect(0, 4, 0x10)) ||
	    !expect_l("mprotect of length 0", 0, do_mprotect(A(0), 0, PROT_NONE)))
		return;
	expect_layout("0-4:r--");
}

/* ---- madvise ---- */

static void madvise_random_splits_and_normal_merges_back(void)
{
	reset();
	map(0, 12, PROT_READ | PROT_WRITE);
	if (!expect_l("madvise(MADV_RANDOM)", 0, advise(4, 8, MADV_RANDOM)) ||
	    !expect_layout("0-4:rw-a 4-8:rw-aR 8-12:rw-a"))
		return;
	if (!expect_l("madvise(MADV_NORMAL)", 0, advise(4, 8, MADV_NORMAL)))
		return;
	expect_layout("0-12:rw-a");
}

static void madvise_hugepage_sets_the_flag_on_the_range_only(void)
{
	reset();
	map(0, 1024, PROT_READ | PROT_WRITE);
	if (!expect_l("madvise(MADV_HUGEPAGE)", 0, advise(512, 1024, MADV_HUGEPAGE)) ||
	    !expect_layout("0-512:rw-a 512-1024:rw-aH"))
		return;
	if (!expect_l("madvise(MADV_NOHUGEPAGE)", 0, advise(0, 1024, MADV_NOHUGEPAGE)))
		return;
	expect_layout("0-1024:rw-aN");
}

static void madvise_over_a_hole_advises_the_mapped_parts_and_says_enomem(void)
{
	reset();
	map(0, 4, PROT_READ | PROT_WRITE);
	map(6, 8, PROT_READ | PROT_WRITE);
	clear_logs();
	if (!expect_l("madvise(MADV_DONTNEED) over a hole", -ENOMEM, advise(0, 8, MADV_DONTNEED)) ||
	    !expect_str("zapped ranges", "0-4 6-8", log_text(&zapped)))
		return;
	clear_logs();
	if (!expect_l("madvise(MADV_DONTNEED) running past the end", -ENOMEM, advise(6, 10, MADV_DONTNEED)))
		return;
	expect_str("zapped ranges", "6-8", log_text(&zapped));
}

/* Linux: "ENOMEM: addresses in the specified range are not currently mapped". */
static void madvise_of_an_unmapped_range_is_enomem(void)
{
	reset();
	map(8, 12, PROT_READ);
	if (!expect_l("madvise of pages 0-4 below the only VMA", -ENOMEM, advise(0, 4, MADV_DONTNEED)))
		return;
	expect_l("madvise of pages 20-24 above the only VMA", -ENOMEM, advise(20, 24, MADV_DONTNEED));
}

static void madvise_rejects_bad_arguments(void)
{
	reset();
	map(0, 4, PROT_READ);
	if (!expect_l("madvise with unknown advice", -EINVAL, advise(0, 4, 999)) ||
	    !expect_l("madvise of an unaligned start", -EINVAL, sys_madvise(A(0) + 1, PAGE_SIZE, MADV_NORMAL)) ||
	    !expect_l("madvise of length 0", 0, sys_madvise(A(0), 0, MADV_RANDOM)))
		return;
	expect_layout("0-4:r--");
}

/* ---- find_vma ---- */

static void find_vma_returns_the_first_vma_ending_above(void)
{
	struct vm_area_struct *prev;
	reset();
	map(4, 8, PROT_READ);
	map(12, 16, PROT_READ | PROT_WRITE);
	struct vm_area_struct *a = find_vma(&mm, A(4)), *b = find_vma(&mm, A(12));
	if (!a || !b || a->vm_start != A(4) || b->vm_start != A(12))
		return (void)fail("expected VMAs at pages 4 and 12, saw layout %s", layout());
	struct {
		unsigned long addr;
		struct vm_area_struct *want;
	} cases[] = {
		{ 0, a }, { A(4) - 1, a }, { A(4), a }, { A(8) - 1, a }, { A(8), b },
		{ A(10), b }, { A(16) - 1, b }, { A(16), NULL }, { TASK_SIZE, NULL },
	};
	for (unsigned i = 0; i < ARRAY_SIZE(cases); i++)
		if (find_vma(&mm, cases[i].addr) != cases[i].want)
			return (void)fail("expected find_vma(%#lx) = %#lx, saw %#lx", cases[i].addr,
					  cases[i].want ? cases[i].want->vm_start : 0,
					  find_vma(&mm, cases[i].addr) ? find_vma(&mm, cases[i].addr)->vm_start : 0);
	if (find_vma_prev(&mm, A(10), &prev) != b || prev != a)
		return (void)fail("expected find_vma_prev(page 10) = page 12 with prev page 4, saw prev %#lx",
				  prev ? prev->vm_start : 0);
	if (find_vma_prev(&mm, A(20), &prev) || prev != b)
		return (void)fail("expected find_vma_prev(page 20) = NULL with prev page 12, saw prev %#lx",
				  prev ? prev->vm_start : 0);
	if (find_vma_intersection(&mm, A(8), A(12)) || find_vma_intersection(&mm, A(8), A(13)) != b)
		fail("expected no VMA in pages 8-12 and the page-12 VMA in pages 8-13, saw otherwise");
}

static unsigned long starts[10000], ends[10000];

static void find_vma_agrees_with_a_sorted_array_for_10000_vmas(void)
{
	reset();
	rnd_seed(41);
	long page = 0;
	for (int i = 0; i < 10000 && !failed(); i++) {
		page += 1 + rnd_below(3);		/* a gap of 1-3 pages */
		long len = 1 + rnd_below(4);
		map(page, page + len, PROT_READ);
		starts[i] = A(page);
		ends[i] = A(page + len);
		page += len;
	}
	if (failed() || !expect_l("map_count", 10000, mm.map_count) || !consistent())
		return;
	for (int k = 0; k < 100000; k++) {
		unsigned long addr = BASE - PAGE_SIZE + rnd_below(page * PAGE_SIZE + 2 * PAGE_SIZE);
		int lo = 0, hi = 10000;			/* first i with ends[i] > addr */
		while (lo < hi) {
			int mid = (lo + hi) / 2;
			if (ends[mid] > addr)
				hi = mid;
			else
				lo = mid + 1;
		}
		struct vm_area_struct *v = find_vma(&mm, addr);
		unsigned long want = lo < 10000 ? starts[lo] : 0, seen = v ? v->vm_start : 0;
		if (want != seen)
			return (void)fail("expected find_vma(%#lx) to start at %#lx, saw %#lx", addr, want, seen);
	}
}

/* ---- brk and the stack ---- */

static void brk_grows_and_shrinks_the_heap_vma(void)
{
	reset();
	mm.start_brk = mm.brk = A(0);
	if (!expect_ul("brk(+10000)", A(0) + 10000, sys_brk(A(0) + 10000)) || !expect_layout("0-3:rw-a"))
		return;
	if (!expect_ul("brk(+5000)", A(0) + 5000, sys_brk(A(0) + 5000)) || !expect_layout("0-2:rw-a"))
		return;
	if (!expect_ul("brk below start_brk (refused: old break)", A(0) + 5000, sys_brk(A(0) - 1)))
		return;
	map(10, 12, PROT_READ);
	if (!expect_ul("brk up to the next mapping (refused: a gap page is kept)", A(0) + 5000, sys_brk(A(10))))
		return;
	if (!expect_ul("brk to one page below the next mapping", A(9), sys_brk(A(9))))
		return;
	expect_layout("0-9:rw-a 10-12:r--");
}

static void expand_stack_moves_the_start_down_within_limits(void)
{
	reset();
	map_flags(4000, 4004, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_GROWSDOWN);
	struct vm_area_struct *stack = find_vma(&mm, A(4000));
	if (!stack)
		return (void)fail("expected the stack VMA, saw none");
	if (!expect_l("expand_stack by 10 pages", 0, expand_stack(stack, A(3990) + 123)) ||
	    !expect_layout("3990-4004:rw-aG"))
		return;
	unsigned long too_far = A(4004) - STACK_LIMIT - PAGE_SIZE;
	if (!expect_l("expand_stack past the stack limit", -ENOMEM, expand_stack(stack, too_far)))
		return;
	map(3000, 3001, PROT_READ);
	if (!expect_l("expand_stack into the guard gap", -ENOMEM, expand_stack(stack, A(3100))))
		return;
	struct vm_area_struct *other = find_vma(&mm, A(3000));
	if (!expect_l("expand_stack of a VMA that does not grow down", -EFAULT, expand_stack(other, A(2990))))
		return;
	expect_layout("3000-3001:r-- 3990-4004:rw-aG");
}

static void split_vma_keeps_pgoff_linear(void)
{
	reset();
	map(0, 16, PROT_READ);
	struct vm_area_struct *v = find_vma(&mm, A(0));
	if (!expect_l("split_vma new below", 0, split_vma(&mm, v, A(4), 1)) ||
	    !expect_l("split_vma new above", 0, split_vma(&mm, v, A(12), 0)))
		return;
	if (!expect_ul("vm_start of the VMA that was split twice", A(4), v->vm_start) ||
	    !expect_ul("its vm_pgoff", A(4) >> PAGE_SHIFT, v->vm_pgoff))
		return;
	expect_layout("0-4:r-- 4-12:r-- 12-16:r--");
}

/* Private writable mappings start read-only in the PTEs: the first write
 * faults, and that fault is where copy-on-write happens. */
static void page_prot_private_writable_is_read_only_until_cow(void)
{
	static const struct {
		unsigned long flags, want;
	} c[] = {
		{ VM_NONE, _PAGE_PROTNONE | _PAGE_ACCESSED },
		{ VM_READ, _PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED | _PAGE_NX },
		{ VM_READ | VM_WRITE, _PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED | _PAGE_NX },
		{ VM_READ | VM_WRITE | VM_SHARED, _PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED | _PAGE_NX },
		{ VM_READ | VM_EXEC, _PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED },
		{ VM_WRITE, _PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED | _PAGE_NX },
	};
	char f[16];
	for (unsigned i = 0; i < ARRAY_SIZE(c); i++) {
		unsigned long seen = pgprot_val(vm_get_page_prot(c[i].flags));
		flags_text(f, c[i].flags);
		if (seen != c[i].want)
			return (void)fail("expected PTE bits %#lx for %s, saw %#lx", c[i].want, f, seen);
	}
}

/* ---- random operations against a page model ---- */

#define W 96				/* pages in the window */
static unsigned long model[W];		/* vm_flags of each page, 0 = unmapped */
static const unsigned long prots[] = { PROT_NONE, PROT_READ, PROT_READ | PROT_WRITE,
				       PROT_READ | PROT_EXEC, PROT_READ | PROT_WRITE | PROT_EXEC };
static const int advices[] = { MADV_RANDOM, MADV_SEQUENTIAL, MADV_NORMAL, MADV_HUGEPAGE, MADV_NOHUGEPAGE };

static unsigned long prot_flags(unsigned long prot)
{
	return (prot & PROT_READ ? VM_READ : 0) | (prot & PROT_WRITE ? VM_WRITE : 0) |
	       (prot & PROT_EXEC ? VM_EXEC : 0);
}

static unsigned long advised(unsigned long f, int advice)
{
	switch (advice) {
	case MADV_RANDOM: return (f & ~VM_SEQ_READ) | VM_RAND_READ;
	case MADV_SEQUENTIAL: return (f & ~VM_RAND_READ) | VM_SEQ_READ;
	case MADV_NORMAL: return f & ~(VM_RAND_READ | VM_SEQ_READ);
	case MADV_HUGEPAGE: return (f & ~VM_NOHUGEPAGE) | VM_HUGEPAGE;
	default: return (f & ~VM_HUGEPAGE) | VM_NOHUGEPAGE;
	}
}

/* The layout the model implies: maximal runs of equal flags. */
static const char *model_layout(void)
{
	static char b[4096];
	char f[16];
	int len = 0;
	b[0] = 0;
	for (long p = 0; p < W; ) {
		long q = p + 1;
		while (q < W && model[q] == model[p])
			q++;
		if (model[p]) {
			flags_text(f, model[p]);
			len += h_snprintf(b + len, sizeof(b) - len, "%s%ld-%ld:%s", len ? " " : "", p, q, f);
		}
		p = q;
	}
	return b;
}

/* Pages [from, to) where 'mask' says so, as "a-b c-d" runs. */
static const char *runs(const unsigned char *mask)
{
	static char b[1024];
	int len = 0;
	b[0] = 0;
	for (long p = 0; p < W; ) {
		if (!mask[p]) {
			p++;
			continue;
		}
		long q = p;
		while (q < W && mask[q])
			q++;
		len += h_snprintf(b + len, sizeof(b) - len, "%s%ld-%ld", len ? " " : "", p, q);
		p = q;
	}
	return b;
}

/* The recorded ranges, merged where they touch, as runs(). */
static const char *logged_runs(const struct log *l)
{
	static unsigned char mask[W];
	memset(mask, 0, sizeof(mask));
	for (int i = 0; i < l->n && i < 64; i++)
		for (long p = l->start[i]; p < l->end[i]; p++)
			mask[p] = 1;
	return runs(mask);
}

static void random_ops(unsigned long seed, int nops)
{
	static unsigned char touched[W];
	char want[1024];

	reset();
	memset(model, 0, sizeof(model));
	rnd_seed(seed);
	for (int op = 0; op < nops && !failed(); op++) {
		long from = rnd_below(W), to = from + 1 + rnd_below(rnd_below(4) ? 8 : W / 2);
		if (to > W)
			to = W;
		unsigned long prot = prots[rnd_below(ARRAY_SIZE(prots))];
		int kind = rnd_below(4);
		long ret, want_ret = 0;
		bool stop = false;

		memset(touched, 0, sizeof(touched));
		clear_logs();
		switch (kind) {
		case 0:		/* mmap MAP_FIXED: old pages unmapped, new flags */
			for (long p = from; p < to; p++) {
				touched[p] = model[p] != 0;
				model[p] = prot_flags(prot) | VM_MAY | (prot & PROT_WRITE ? VM_ACCOUNT : 0);
			}
			ret = map_flags(from, to, prot, MAP_PRIVATE);
			want_ret = A(from);
			h_snprintf(want, sizeof(want), "%s", runs(touched));
			if (!expect_str("pages unmapped by the MAP_FIXED mmap", want, logged_runs(&unmapped)))
				return;
			break;
		case 1:		/* munmap: exactly the mapped pages are unmapped */
			for (long p = from; p < to; p++) {
				touched[p] = model[p] != 0;
				model[p] = 0;
			}
			ret = unmap(from, to);
			h_snprintf(want, sizeof(want), "%s", runs(touched));
			if (!expect_str("pages unmapped by munmap", want, logged_runs(&unmapped)))
				return;
			break;
		case 2:		/* mprotect: up to the first hole */
			for (long p = from; p < to && !stop; p++) {
				if (!model[p]) {
					want_ret = -ENOMEM;
					stop = true;
					continue;
				}
				unsigned long nf = (model[p] & ~(VM_READ | VM_WRITE | VM_EXEC)) | prot_flags(prot);
				if ((nf & VM_WRITE) && !(model[p] & (VM_WRITE | VM_ACCOUNT)))
					nf |= VM_ACCOUNT;	/* Linux charges it now */
				touched[p] = nf != model[p];
				model[p] = nf;
			}
			ret = protect(from, to, prot);
			h_snprintf(want, sizeof(want), "%s", runs(touched));
			if (!expect_str("pages whose PTEs mprotect changed", want, logged_runs(&protected)))
				return;
			break;
		default: {	/* madvise: every mapped page; -ENOMEM if any is not */
			int advice = advices[rnd_below(ARRAY_SIZE(advices))];
			for (long p = from; p < to; p++) {
				if (!model[p])
					want_ret = -ENOMEM;
				else
					model[p] = advised(model[p], advice);
			}
			ret = advise(from, to, advice);
			break;
		}
		}
		if (ret != want_ret) {
			static const char *const names[] = { "mmap", "munmap", "mprotect", "madvise" };
			return (void)fail("expected %s of pages %ld-%ld (operation %d) to return %ld, saw %ld",
					  names[kind], from, to, op, want_ret, ret);
		}
		h_snprintf(want, sizeof(want), "%s", model_layout());
		if (!expect_str("layout", want, layout()) || !consistent())
			return;
	}
}

static void random_mmap_munmap_mprotect_madvise_match_page_model_seed1(void) { random_ops(1, 3000); }
static void random_mmap_munmap_mprotect_madvise_match_page_model_seed2(void) { random_ops(2, 3000); }

/* ---- the gap search: rb_subtree_gap and get_unmapped_area ---- */

#define GIB (1UL << 30)
#define MIB (1UL << 20)

/* The reference: every free range of the address space ([0, first
 * vm_start), [vm_end, next vm_start), ..., [last vm_end, TASK_SIZE)), cut
 * to [low, high), tried one by one from the top (or from the bottom): the
 * linear search mm/mmap.c made before it kept rb_subtree_gap. */
static unsigned long linear_unmapped_area(unsigned long len, unsigned long align, unsigned long low,
					  unsigned long high, bool topdown)
{
	static unsigned long lo[20000], hi[20000];
	unsigned long prev_end = 0;
	int n = 0;

	for (struct vm_area_struct *v = mm.mmap; v && n < 19999; v = v->vm_next) {
		lo[n] = prev_end;
		hi[n++] = v->vm_start;
		prev_end = v->vm_end;
	}
	lo[n] = prev_end;
	hi[n++] = TASK_SIZE;
	for (int k = 0; k < n; k++) {
		int i = topdown ? n - 1 - k : k;
		unsigned long l = max(lo[i], low), h = min(hi[i], high);
		if (h < l || h - l < len)
			continue;
		unsigned long addr = topdown ? ALIGN_DOWN(h - len, align) : ALIGN(l, align);
		if (addr >= l && addr + len <= h)
			return addr;
	}
	return -ENOMEM;
}

/*
 * Random layouts in 72 MiB windows across the search's limits (MMAP_BASE
 * for the top-down search; 1 GiB and 2 GiB for MAP_32BIT's bottom-up one,
 * the space between them taken by one VMA), made with MAP_FIXED mmaps and
 * munmaps of random pages, and mmaps that let the kernel choose, of 1-16
 * pages or of 2 MiB and more (2 MiB-aligned unless shared): each must
 * return what the linear reference finds, and every rb_subtree_gap must
 * stay right.
 */
static void gap_search_matches_linear_search(unsigned long seed, bool map32)
{
	unsigned long wlo = map32 ? GIB - 8 * MIB : MMAP_BASE - 64 * MIB, pages = 72 * MIB / PAGE_SIZE;
	unsigned long low = map32 ? GIB : 16 * PAGE_SIZE, high = map32 ? 2 * GIB : MMAP_BASE;
	unsigned long anon = MAP_ANONYMOUS | (map32 ? MAP_32BIT : 0);

	reset();
	if (map32)
		sys_mmap(GIB + 64 * MIB, GIB - 128 * MIB, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1UL, 0);
	rnd_seed(seed);
	for (int op = 0; op < 4000 && !failed(); op++) {
		unsigned long from = wlo + rnd_below(pages) * PAGE_SIZE;
		if (map32 && rnd_below(2))	/* the window across 2 GiB */
			from += GIB - 56 * MIB;
		unsigned long len = (1 + rnd_below(rnd_below(8) ? 64 : 1024)) * PAGE_SIZE;
		unsigned long prot = rnd_below(2) ? PROT_READ : PROT_READ | PROT_WRITE;
		int kind = rnd_below(10);

		if (kind < 3) {
			sys_mmap(from, len, prot, anon | MAP_PRIVATE | MAP_FIXED, -1UL, 0);
		} else if (kind < 5) {
			sys_munmap(from, len);
		} else {
			unsigned long type = rnd_below(10) ? MAP_PRIVATE : MAP_SHARED;
			len = (rnd_below(10) < 7 ? 1 + rnd_below(16) : 512 + rnd_below(600)) * PAGE_SIZE;
			unsigned long align = len >= HPAGE_PMD_SIZE && type == MAP_PRIVATE ? HPAGE_PMD_SIZE : PAGE_SIZE;
			unsigned long want = linear_unmapped_area(len, align, low, high, !map32);
			long seen = sys_mmap(0, len, prot, anon | type, -1UL, 0);
			if (seen != (long)want)
				return (void)fail("expected mmap(NULL, %#lx%s) number %d to return %#lx, saw %#lx",
						  len, type == MAP_SHARED ? ", MAP_SHARED" : "", op, want, seen);
			if (rnd_below(2) && !IS_ERR_VALUE(want))
				sys_munmap(want, len);
		}
		if (!consistent())
			return (void)fail("after operation %d", op);
	}
}

static void gap_search_topdown_matches_linear_search_seed1(void) { gap_search_matches_linear_search(1, false); }
static void gap_search_topdown_matches_linear_search_seed2(void) { gap_search_matches_linear_search(2, false); }
static void gap_search_bottomup_matches_linear_search(void) { gap_search_matches_linear_search(3, true); }

/* A gap exactly 2 MiB long that starts 4 KiB past a 2 MiB boundary holds no
 * 2 MiB-aligned 2 MiB range: the search must go on to the gap below. */
static void mmap_2mib_skips_a_long_enough_but_misaligned_gap(void)
{
	unsigned long t = ALIGN_DOWN(MMAP_BASE, HPAGE_PMD_SIZE) - 8 * MIB;
	unsigned long anon = MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED;

	reset();
	sys_mmap(t, PAGE_SIZE, PROT_READ, anon, -1UL, 0);
	sys_mmap(t + PAGE_SIZE + 2 * MIB, MMAP_BASE - (t + PAGE_SIZE + 2 * MIB), PROT_READ, anon, -1UL, 0);
	if (!consistent())
		return;
	long r = sys_mmap(0, 2 * MIB, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1UL, 0);
	if (!expect_ul("2 MiB mmap below the misaligned gap", t - 2 * MIB, r))
		return;
	r = sys_mmap(0, 2 * MIB, PROT_READ, MAP_SHARED | MAP_ANONYMOUS, -1UL, 0);
	if (!expect_ul("shared (unaligned) 2 MiB mmap in the misaligned gap", t + PAGE_SIZE, r))
		return;
	consistent();
}

/* Linux x86-64: MAP_32BIT places the mapping bottom-up in [1 GiB, 2 GiB),
 * and a hint that would end above 2 GiB is not taken. */
static void map_32bit_takes_the_lowest_free_range_above_1gib(void)
{
	unsigned long anon = MAP_PRIVATE | MAP_ANONYMOUS;

	reset();
	sys_mmap(GIB, PAGE_SIZE, PROT_READ, anon | MAP_FIXED, -1UL, 0);
	long r = sys_mmap(0, PAGE_SIZE, PROT_READ, anon | MAP_32BIT, -1UL, 0);
	if (!expect_ul("MAP_32BIT mmap", GIB + PAGE_SIZE, r))
		return;
	r = sys_mmap(3 * GIB, PAGE_SIZE, PROT_READ, anon | MAP_32BIT, -1UL, 0);
	if (!expect_ul("MAP_32BIT mmap with a hint above 2 GiB", GIB + 2 * PAGE_SIZE, r))
		return;
	r = sys_mmap(0, 2 * MIB, PROT_READ, anon | MAP_32BIT, -1UL, 0);
	if (!expect_ul("MAP_32BIT mmap of 2 MiB", GIB + 2 * MIB, r))
		return;
	sys_mmap(GIB, GIB, PROT_READ, anon | MAP_FIXED, -1UL, 0);
	r = sys_mmap(0, PAGE_SIZE, PROT_READ, anon | MAP_32BIT, -1UL, 0);
	if (!expect_l("MAP_32BIT mmap with [1 GiB, 2 GiB) full", -ENOMEM, r))
		return;
	consistent();
}

/* brk merges the heap with its new part (the previous VMA's vm_end moves)
 * and stack growth moves vm_start down: both change gaps outside the tree's
 * own insert and erase. */
static void subtree_gaps_stay_right_through_brk_and_stack_growth(void)
{
	reset();
	rnd_seed(7);
	mm.start_brk = mm.brk = A(0);
	map_flags(6000, 6004, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_GROWSDOWN);
	struct vm_area_struct *stack = find_vma(&mm, A(6000));
	for (int p = 100; p < 5000; p += 50)
		map(p, p + 1 + rnd_below(20), rnd_below(2) ? PROT_READ : PROT_READ | PROT_WRITE);
	for (int op = 0; op < 2000 && !failed(); op++) {
		if (rnd_below(2)) {
			sys_brk(A(0) + rnd_below(99 * PAGE_SIZE));
		} else {
			unsigned long to = stack->vm_start - rnd_below(3) * PAGE_SIZE;
			if (stack->vm_end - to < STACK_LIMIT / 2)
				expand_stack(stack, to);
		}
		if (!consistent())
			return (void)fail("after operation %d", op);
	}
}

int main(void)
{
	run_test("vma_mmap_fixed_creates_one_vma", mmap_fixed_creates_one_vma);
	run_test("vma_adjacent_mmap_above_merges", adjacent_mmap_above_merges);
	run_test("vma_adjacent_mmap_below_merges", adjacent_mmap_below_merges);
	run_test("vma_mmap_filling_a_gap_merges_both_sides", mmap_filling_a_gap_merges_both_sides);
	run_test("vma_different_protections_do_not_merge", different_protections_do_not_merge);
	run_test("vma_separate_shared_mappings_do_not_merge", separate_shared_mappings_do_not_merge);
	run_test("vma_mmap_fixed_over_the_middle_replaces_that_part", mmap_fixed_over_the_middle_replaces_that_part);
	run_test("vma_mmap_fixed_noreplace_refuses_an_overlap", mmap_fixed_noreplace_refuses_an_overlap);
	run_test("vma_mmap_rejects_bad_arguments", mmap_rejects_bad_arguments);
	run_test("vma_mmap_of_2mib_or_more_is_2mib_aligned_below_mmap_base",
		 mmap_of_2mib_or_more_is_2mib_aligned_below_mmap_base);
	run_test("vma_private_writable_mapping_larger_than_ram_is_refused",
		 private_writable_mapping_larger_than_ram_is_refused);
	run_test("vma_mmap_hint_is_used_when_free", mmap_hint_is_used_when_free);
	run_test("vma_munmap_in_the_middle_splits_in_two", munmap_in_the_middle_splits_in_two);
	run_test("vma_munmap_at_the_start_trims", munmap_at_the_start_trims);
	run_test("vma_munmap_at_the_end_trims", munmap_at_the_end_trims);
	run_test("vma_munmap_across_several_vmas", munmap_across_several_vmas);
	run_test("vma_munmap_over_vmas_and_holes_removes_them_all", munmap_over_vmas_and_holes_removes_them_all);
	run_test("vma_munmap_of_a_hole_changes_nothing", munmap_of_a_hole_changes_nothing);
	run_test("vma_munmap_rejects_unaligned_and_empty_ranges", munmap_rejects_unaligned_and_empty_ranges);
	run_test("vma_failed_split_leaves_the_layout_unchanged", failed_split_leaves_the_layout_unchanged);
	run_test("vma_exit_mmap_frees_every_vma", exit_mmap_frees_every_vma);
	run_test("vma_mprotect_in_the_middle_splits_in_three_and_merges_back",
		 mprotect_in_the_middle_splits_in_three_and_merges_back);
	run_test("vma_mprotect_at_the_start_and_at_the_end", mprotect_at_the_start_and_at_the_end);
	run_test("vma_mprotect_across_several_vmas_merges_them", mprotect_across_several_vmas_merges_them);
	run_test("vma_mprotect_partly_across_several_vmas", mprotect_partly_across_several_vmas);
	run_test("vma_mprotect_stops_at_a_hole_with_enomem", mprotect_stops_at_a_hole_with_enomem);
	run_test("vma_mprotect_to_writable_charges_private_memory", mprotect_to_writable_charges_private_memory);
	run_test("vma_mprotect_to_the_same_flags_changes_nothing", mprotect_to_the_same_flags_changes_nothing);
	run_test("vma_mprotect_rejects_bad_arguments", mprotect_rejects_bad_arguments);
	run_test("vma_madvise_random_splits_and_normal_merges_back", madvise_random_splits_and_normal_merges_back);
	run_test("vma_madvise_hugepage_sets_the_flag_on_the_range_only", madvise_hugepage_sets_the_flag_on_the_range_only);
	run_test("vma_madvise_over_a_hole_advises_the_mapped_parts_and_says_enomem",
		 madvise_over_a_hole_advises_the_mapped_parts_and_says_enomem);
	run_test("vma_madvise_of_an_unmapped_range_is_enomem", madvise_of_an_unmapped_range_is_enomem);
	run_test("vma_madvise_rejects_bad_arguments", madvise_rejects_bad_arguments);
	run_test("vma_find_vma_returns_the_first_vma_ending_above", find_vma_returns_the_first_vma_ending_above);
	run_test("vma_find_vma_agrees_with_a_sorted_array_for_10000_vmas",
		 find_vma_agrees_with_a_sorted_array_for_10000_vmas);
	run_test("vma_brk_grows_and_shrinks_the_heap_vma", brk_grows_and_shrinks_the_heap_vma);
	run_test("vma_expand_stack_moves_the_start_down_within_limits", expand_stack_moves_the_start_down_within_limits);
	run_test("vma_split_vma_keeps_pgoff_linear", split_vma_keeps_pgoff_linear);
	run_test("vma_page_prot_private_writable_is_read_only_until_cow",
		 page_prot_private_writable_is_read_only_until_cow);
	run_test("vma_random_mmap_munmap_mprotect_madvise_match_page_model_seed1",
		 random_mmap_munmap_mprotect_madvise_match_page_model_seed1);
	run_test("vma_random_mmap_munmap_mprotect_madvise_match_page_model_seed2",
		 random_mmap_munmap_mprotect_madvise_match_page_model_seed2);
	run_test("vma_gap_search_topdown_matches_linear_search_seed1", gap_search_topdown_matches_linear_search_seed1);
	run_test("vma_gap_search_topdown_matches_linear_search_seed2", gap_search_topdown_matches_linear_search_seed2);
	run_test("vma_gap_search_bottomup_matches_linear_search", gap_search_bottomup_matches_linear_search);
	run_test("vma_mmap_2mib_skips_a_long_enough_but_misaligned_gap", mmap_2mib_skips_a_long_enough_but_misaligned_gap);
	run_test("vma_map_32bit_takes_the_lowest_free_range_above_1gib", map_32bit_takes_the_lowest_free_range_above_1gib);
	run_test("vma_subtree_gaps_stay_right_through_brk_and_stack_growth",
		 subtree_gaps_stay_right_through_brk_and_stack_growth);
	reset();
	return unit_finish();
}
