/* khugepaged: the kernel thread that turns ranges of 4 KiB pages into huge
 * pages after the fact ("collapse"), and MADV_COLLAPSE, which does it on
 * request.
 *
 * The thread wakes every scan_sleep_millisecs, looks at pages_to_scan PTEs
 * of the registered address spaces (resuming where it stopped), and for
 * each 2 MiB-aligned range of an eligible VMA asks hpage_collapse_scan_pmd
 * whether the range is worth a huge page (seed question 1):
 *   - at most max_ptes_none of its 512 PTEs are empty (or the zero page),
 *   - every present page is an ordinary anonymous page, at most
 *     max_ptes_shared of them shared with another process,
 *   - at least one PTE is writable,
 *   - at least one page was accessed recently (its PTE is young).
 * If so, collapse_huge_page copies the pages into a new THP and maps it
 * with one huge PMD, depositing the old PTE table for a later split. */
#include <linux/mm.h>
#include <linux/rmap.h>
#include <linux/huge_mm.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/trace.h>
#include <linux/init.h>
#include <linux/thp_insight.h>
#include <linux/vm_reserv.h>
#include <asm/processor.h>

/* Linux's outcome names (mm/khugepaged.c), in its order. */
enum scan_result {
	SCAN_FAIL,
	SCAN_SUCCEED,
	SCAN_PMD_NULL,
	SCAN_PMD_NONE,
	SCAN_PMD_MAPPED,
	SCAN_EXCEED_NONE_PTE,
	SCAN_EXCEED_SWAP_PTE,
	SCAN_EXCEED_SHARED_PTE,
	SCAN_PTE_NON_PRESENT,
	SCAN_PTE_UFFD_WP,
	SCAN_PTE_MAPPED_HUGEPAGE,
	SCAN_PAGE_RO,
	SCAN_LACK_REFERENCED_PAGE,
	SCAN_PAGE_NULL,
	SCAN_SCAN_ABORT,
	SCAN_PAGE_COUNT,
	SCAN_PAGE_LRU,
	SCAN_PAGE_LOCK,
	SCAN_PAGE_ANON,
	SCAN_PAGE_COMPOUND,
	SCAN_ANY_PROCESS,
	SCAN_VMA_NULL,
	SCAN_VMA_CHECK,
	SCAN_ADDRESS_RANGE,
	SCAN_DEL_PAGE_LRU,
	SCAN_ALLOC_HUGE_PAGE_FAIL,
	SCAN_CGROUP_CHARGE_FAIL,
	SCAN_TRUNCATED,
	SCAN_PAGE_HAS_PRIVATE,
	SCAN_RESERVED,		/* ours: thp_policy=reserve will promote it in place */
	NR_SCAN_RESULTS
};

static const char *const scan_result_names[NR_SCAN_RESULTS] = {
	"SCAN_FAIL", "SCAN_SUCCEED", "SCAN_PMD_NULL", "SCAN_PMD_NONE", "SCAN_PMD_MAPPED",
	"SCAN_EXCEED_NONE_PTE", "SCAN_EXCEED_SWAP_PTE", "SCAN_EXCEED_SHARED_PTE",
	"SCAN_PTE_NON_PRESENT", "SCAN_PTE_UFFD_WP", "SCAN_PTE_MAPPED_HUGEPAGE", "SCAN_PAGE_RO",
	"SCAN_LACK_REFERENCED_PAGE", "SCAN_PAGE_NULL", "SCAN_SCAN_ABORT", "SCAN_PAGE_COUNT",
	"SCAN_PAGE_LRU", "SCAN_PAGE_LOCK", "SCAN_PAGE_ANON", "SCAN_PAGE_COMPOUND",
	"SCAN_ANY_PROCESS", "SCAN_VMA_NULL", "SCAN_VMA_CHECK", "SCAN_ADDRESS_RANGE",
	"SCAN_DEL_PAGE_LRU", "SCAN_ALLOC_HUGE_PAGE_FAIL", "SCAN_CGROUP_CHARGE_FAIL",
	"SCAN_TRUNCATED", "SCAN_PAGE_HAS_PRIVATE", "SCAN_RESERVED",
};

/* The SCAN_* name of a result (for /proc/PID/thp_ranges and the event ring). */
const char *khugepaged_result_name(int result)
{
	return result >= 0 && result < NR_SCAN_RESULTS ? scan_result_names[result] : "SCAN_?";
}

/* How often each outcome happened: /sys/.../khugepaged/scan_results (ours). */
static unsigned long scan_result_count[NR_SCAN_RESULTS];

/* The knobs of /sys/kernel/mm/transparent_hugepage/khugepaged/, Linux's defaults. */
static unsigned int khugepaged_pages_to_scan = HPAGE_PMD_NR * 8;
static unsigned int khugepaged_scan_sleep_millisecs = 10000;
static unsigned int khugepaged_alloc_sleep_millisecs = 60000;
unsigned int khugepaged_max_ptes_none = HPAGE_PMD_NR - 1;	/* also the underused-THP threshold */
static unsigned int khugepaged_max_ptes_swap = HPAGE_PMD_NR / 8;
static unsigned int khugepaged_max_ptes_shared = HPAGE_PMD_NR / 2;
static unsigned int khugepaged_defrag = 1;
static unsigned long khugepaged_pages_collapsed;
static unsigned long khugepaged_full_scans;

/* Who is being scanned: the registered mms (mm->khugepaged_slot) and a cursor. */
static LIST_HEAD(khugepaged_mm_head);
static DEFINE_SPINLOCK(khugepaged_mm_lock);
static struct mm_struct *scan_mm;		/* the mm the cursor is in */
static unsigned long scan_address;
static DECLARE_WAIT_QUEUE_HEAD(khugepaged_wait);
static struct task_struct *khugepaged_thread;
static unsigned long knob_generation;		/* bumped when a sleep knob changes */

struct collapse_control {
	bool is_khugepaged;	/* khugepaged's limits; MADV_COLLAPSE ignores them */
	bool mmap_write_locked;	/* MADV_COLLAPSE comes with mmap_lock held for write */
};

static bool khugepaged_enabled(void)
{
	return transparent_hugepage_flags & (BIT(TRANSPARENT_HUGEPAGE_FLAG) |
					     BIT(TRANSPARENT_HUGEPAGE_REQ_MADV_FLAG));
}

/* --- registration ---------------------------------------------------------------- */

static void __khugepaged_enter(struct mm_struct *mm)
{
	bool wakeup;

	if (test_and_set_bit(MMF_VM_HUGEPAGE, &mm->flags))
		return;
	atomic_inc(&mm->mm_count);		/* the slot keeps the struct alive */
	spin_lock(&khugepaged_mm_lock);
	wakeup = list_empty(&khugepaged_mm_head);
	list_add_tail(&mm->khugepaged_slot, &khugepaged_mm_head);
	spin_unlock(&khugepaged_mm_lock);
	if (wakeup)
		wake_up(&khugepaged_wait);
}

/* vma became (or may be) THP-eligible: have khugepaged look at its mm. */
void khugepaged_enter_vma(struct vm_area_struct *vma, unsigned long vm_flags)
{
	if (!test_bit(MMF_VM_HUGEPAGE, &vma->vm_mm->flags) && khugepaged_enabled() &&
	    hugepage_vma_check(vma, vm_flags, false, true, true))
		__khugepaged_enter(vma->vm_mm);
}

void khugepaged_fork(struct mm_struct *mm, struct mm_struct *oldmm)
{
	if (test_bit(MMF_VM_HUGEPAGE, &oldmm->flags))
		__khugepaged_enter(mm);
}

/* The mm is going away: take it off the list (khugepaged holds its own
 * reference while it scans, so this never frees under its feet). */
void khugepaged_exit(struct mm_struct *mm)
{
	if (!test_and_clear_bit(MMF_VM_HUGEPAGE, &mm->flags))
		return;
	spin_lock(&khugepaged_mm_lock);
	if (scan_mm == mm) {
		scan_mm = NULL;
		scan_address = 0;
	}
	list_del_init(&mm->khugepaged_slot);
	spin_unlock(&khugepaged_mm_lock);
	mmdrop(mm);
}

/* --- scanning ------------------------------------------------------------------------ */

static int find_pmd_or_thp_or_none(struct mm_struct *mm, unsigned long address, pmd_t **pmd)
{
	*pmd = mm_find_pmd(mm, address);
	if (!*pmd || !pmd_present(**pmd))
		return SCAN_PMD_NULL;
	if (pmd_trans_huge(**pmd))
		return SCAN_PMD_MAPPED;
	return SCAN_SUCCEED;
}

/* Only the mappings hold references: nobody else (a pin) uses the page. */
static bool is_refcount_suitable(struct page *head)
{
	return page_count(head) == total_mapcount(head);
}

struct scan_stats {
	int none_or_zero, shared, referenced, writable;
};

/* Check the 512 PTEs of one range against the collapse conditions. Called
 * with mmap_lock held and page_table_lock held. */
static int check_ptes(struct vm_area_struct *vma, unsigned long address, pte_t *pte,
		      struct collapse_control *cc, struct scan_stats *st)
{
	/* LAB 4 BEGIN: the collapse conditions, PTE by PTE (seed question 1) */
	/* LAB 4 STUB
	return SCAN_FAIL;
	*/
	memset(st, 0, sizeof(*st));
	for (int i = 0; i < HPAGE_PMD_NR; i++, pte++) {
		unsigned long addr = address + i * PAGE_SIZE;
		pte_t pteval = *pte;

		if (pte_none(pteval) || (pte_present(pteval) && is_zero_pfn(pte_pfn(pteval)))) {
			if (++st->none_or_zero <= (int)khugepaged_max_ptes_none || !cc->is_khugepaged)
				continue;
			return SCAN_EXCEED_NONE_PTE;
		}
		if (!pte_present(pteval) || pte_protnone(pteval))
			return SCAN_PTE_NON_PRESENT;
		if (pte_write(pteval))
			st->writable = 1;
		struct page *page = vm_normal_page(vma, addr, pteval);
		if (!page)
			return SCAN_PAGE_NULL;
		if (page_mapcount(page) > 1 && cc->is_khugepaged &&
		    ++st->shared > (int)khugepaged_max_ptes_shared)
			return SCAN_EXCEED_SHARED_PTE;
		struct page *head = compound_head(page);
		if (PageLocked(head))
			return SCAN_PAGE_LOCK;
		if (!PageAnon(head))
			return SCAN_PAGE_ANON;
		if (!is_refcount_suitable(head))
			return SCAN_PAGE_COUNT;
		if (pte_young(pteval) || PageReferenced(head))
			st->referenced++;
	}
	if (!st->writable)
		return SCAN_PAGE_RO;
	if (cc->is_khugepaged && !st->referenced)
		return SCAN_LACK_REFERENCED_PAGE;
	return SCAN_SUCCEED;
	/* LAB 4 END */
}

static noinline int collapse_huge_page(struct mm_struct *mm, unsigned long address,
			      struct collapse_control *cc);

/*
 * Decide whether the 2 MiB range at address is worth a huge page, and if so
 * collapse it. Called with mmap_lock held for read (khugepaged) or write
 * (MADV_COLLAPSE); for khugepaged the lock is dropped on the way to
 * collapse_huge_page (*mmap_locked becomes false).
 */
static int hpage_collapse_scan_pmd(struct mm_struct *mm, struct vm_area_struct *vma,
				   unsigned long address, bool *mmap_locked,
				   struct collapse_control *cc)
{
	struct scan_stats st = { 0 };
	pmd_t *pmd;
	int result;

	result = find_pmd_or_thp_or_none(mm, address, &pmd);
	if (result == SCAN_SUCCEED && cc->is_khugepaged && vm_reserv_pending(mm, address))
		result = SCAN_RESERVED;		/* left to promotion in place (mm/vm_reserv.c) */
	if (result == SCAN_SUCCEED) {
		spin_lock(&mm->page_table_lock);
		result = check_ptes(vma, address, pte_offset_map(pmd, address), cc, &st);
		spin_unlock(&mm->page_table_lock);
	}
	if (result == SCAN_SUCCEED) {
		if (!cc->mmap_write_locked) {
			mmap_read_unlock(mm);
			*mmap_locked = false;
		}
		result = collapse_huge_page(mm, address, cc);
	}
	scan_result_count[result]++;
	thp_range_record(mm, address, result, cc->is_khugepaged);
	trace_thp(hpage_collapse_scan_pmd,
		  "pid=%d addr=%#lx writable=%d referenced=%d none_or_zero=%d result=%s",
		  mm->owner ? mm->owner->pid : -1, address, st.writable, st.referenced,
		  st.none_or_zero, scan_result_names[result]);
	return result;
}

/* After retaking mmap_lock: is address still in a VMA that may collapse? */
static int hugepage_vma_revalidate(struct mm_struct *mm, unsigned long address,
				   struct collapse_control *cc, struct vm_area_struct **vmap)
{
	struct vm_area_struct *vma = find_vma(mm, address);

	if (!vma || vma->vm_start > address)
		return SCAN_VMA_NULL;
	if (!transhuge_vma_suitable(vma, address))
		return SCAN_ADDRESS_RANGE;
	if (!hugepage_vma_check(vma, vma->vm_flags, false, false, cc->is_khugepaged))
		return SCAN_VMA_CHECK;
	*vmap = vma;
	return SCAN_SUCCEED;
}

/*
 * Replace the PTE table at address by one huge PMD: allocate the THP (with
 * no lock held, as Linux does), take mmap_lock for write so that no fault
 * or munmap can run in this mm, clear the PMD and flush the TLB
 * (pmdp_collapse_flush), re-check the pages, copy each into its place in
 * the THP (zeros for empty PTEs), release the old pages, deposit the old
 * PTE table and install the huge PMD. Returns a SCAN_* result.
 */
static noinline int collapse_huge_page(struct mm_struct *mm, unsigned long address,
			      struct collapse_control *cc)
{
	struct vm_area_struct *vma;
	struct page *hpage;
	pgtable_t pgtable;
	struct scan_stats st;
	pmd_t *pmd, _pmd;
	int result;
	unsigned long hpfn = 0;			/* the new THP's frame, for the event ring */
	u64 t0 = ktime_get_ns();

	thp_event(THP_EV_COLLAPSE_START, thp_mm_pid(mm), address, 0, cc->is_khugepaged, 0);
	hpage = alloc_pages(khugepaged_defrag ? GFP_TRANSHUGE : GFP_TRANSHUGE_LIGHT, HPAGE_PMD_ORDER);
	if (!hpage) {
		count_vm_event(THP_COLLAPSE_ALLOC_FAILED);
		result = SCAN_ALLOC_HUGE_PAGE_FAIL;
		goto out_nolock;
	}
	count_vm_event(THP_COLLAPSE_ALLOC);
	prep_transhuge_page(hpage);
	hpfn = page_to_pfn(hpage);

	if (!cc->mmap_write_locked)
		mmap_write_lock(mm);
	result = hugepage_vma_revalidate(mm, address, cc, &vma);
	if (result != SCAN_SUCCEED)
		goto out_up_write;
	result = find_pmd_or_thp_or_none(mm, address, &pmd);
	if (result != SCAN_SUCCEED)
		goto out_up_write;
	if (anon_vma_prepare(vma)) {
		result = SCAN_FAIL;
		goto out_up_write;
	}

	/* LAB 4 BEGIN: isolate, copy into the THP, deposit the old table, map one huge PMD */
	/* LAB 4 STUB
	result = SCAN_FAIL;
	*/
	/* reclaim's rmap walks take the anon_vma lock: keep them out too */
	anon_vma_lock_write(vma->anon_vma);
	spin_lock(&mm->page_table_lock);
	_pmd = *pmd;
	pmd_clear(pmd);				/* pmdp_collapse_flush */
	flush_tlb_range(vma, address, address + HPAGE_PMD_SIZE);
	pgtable = pfn_to_page(pmd_table_phys(_pmd) >> PAGE_SHIFT);
	pte_t *pte = page_address(pgtable);
	result = check_ptes(vma, address, pte, cc, &st);	/* __collapse_huge_page_isolate */
	if (result != SCAN_SUCCEED) {
		set_pmd(pmd, _pmd);
		spin_unlock(&mm->page_table_lock);
		anon_vma_unlock_write(vma->anon_vma);
		goto out_up_write;
	}

	/* __collapse_huge_page_copy: the data moves into the THP */
	for (int i = 0; i < HPAGE_PMD_NR; i++) {
		void *dst = page_address(hpage + i);
		pte_t pteval = pte[i];
		struct page *src;

		if (pte_none(pteval) || is_zero_pfn(pte_pfn(pteval))) {
			/* empty or zero page: the THP's page there is zeros, and
			 * now it counts in the process's RSS */
			clear_page(dst);
			inc_mm_counter(mm, 1);
			pte_clear(&pte[i]);
			continue;
		}
		src = vm_normal_page(vma, address + i * PAGE_SIZE, pteval);
		copy_page(dst, page_address(src));
		pte_clear(&pte[i]);
		page_remove_rmap(src, vma, false);
		put_page(src);
	}
	_pmd = mk_huge_pmd(hpage, vma->vm_page_prot);
	_pmd = pmd_mkyoung(pmd_mkdirty(_pmd));
	if (vma->vm_flags & VM_WRITE)
		_pmd = pmd_mkwrite(_pmd);
	page_add_new_anon_rmap(hpage, vma, address, true);
	pgtable_trans_huge_deposit(mm, pmd, pgtable);
	set_pmd_at(mm, address, pmd, _pmd);
	spin_unlock(&mm->page_table_lock);
	anon_vma_unlock_write(vma->anon_vma);
	hpage = NULL;
	result = SCAN_SUCCEED;
	/* LAB 4 END */

out_up_write:
	if (!cc->mmap_write_locked)
		mmap_write_unlock(mm);
out_nolock:
	if (hpage)
		put_page(hpage);
	if (result == SCAN_SUCCEED) {
		/* the empty and zero-page PTEs became zero-filled subpages */
		count_vm_events(THP_COLLAPSE_BLOAT_PAGES, st.none_or_zero);
		vm_reserv_release(mm, address);	/* a reservation there is of no use now */
		thp_latency_add(THP_LAT_COLLAPSE, t0);
	}
	thp_event(THP_EV_COLLAPSE_END, thp_mm_pid(mm), address, result == SCAN_SUCCEED ? hpfn : 0,
		  result, ktime_get_ns() - t0);
	trace_thp(collapse_huge_page, "pid=%d addr=%#lx none_or_zero=%d result=%s ns=%lu",
		  mm->owner ? mm->owner->pid : -1, address, result == SCAN_SUCCEED ? st.none_or_zero : -1,
		  scan_result_names[result], (unsigned long)(ktime_get_ns() - t0));
	return result;
}

/*
 * Scan up to pages PTEs of the mm at the cursor, starting at scan_address.
 * Returns the number of PTEs scanned; moves the cursor on (to the next mm
 * when this one is done, counting full_scans when the list wraps).
 */
static unsigned int khugepaged_scan_mm_slot(unsigned int pages, int *result)
{
	struct collapse_control cc = { .is_khugepaged = true };
	struct mm_struct *mm;
	unsigned int progress = 0;
	bool mmap_locked;

	spin_lock(&khugepaged_mm_lock);
	if (!scan_mm) {
		if (list_empty(&khugepaged_mm_head)) {
			spin_unlock(&khugepaged_mm_lock);
			return 0;
		}
		scan_mm = list_first_entry(&khugepaged_mm_head, struct mm_struct, khugepaged_slot);
		scan_address = 0;
	}
	mm = scan_mm;
	atomic_inc(&mm->mm_count);
	spin_unlock(&khugepaged_mm_lock);

	mmap_locked = mmap_read_trylock(mm);
	if (!mmap_locked || atomic_read(&mm->mm_users) == 0)
		goto breakouterloop;
	for (struct vm_area_struct *vma = find_vma(mm, scan_address); vma; vma = vma->vm_next) {
		if (!hugepage_vma_check(vma, vma->vm_flags, false, false, true)) {
			progress++;
			continue;
		}
		unsigned long hstart = ALIGN(vma->vm_start, HPAGE_PMD_SIZE);
		unsigned long hend = ALIGN_DOWN(vma->vm_end, HPAGE_PMD_SIZE);
		if (hstart >= hend) {
			progress++;
			continue;
		}
		if (scan_address < hstart)
			scan_address = hstart;
		while (scan_address < hend) {
			*result = hpage_collapse_scan_pmd(mm, vma, scan_address, &mmap_locked, &cc);
			if (*result == SCAN_SUCCEED)
				khugepaged_pages_collapsed++;
			scan_address += HPAGE_PMD_SIZE;
			progress += HPAGE_PMD_NR;
			if (!mmap_locked)
				goto breakouterloop_unlocked;	/* VMAs may have changed */
			if (progress >= pages)
				goto breakouterloop;
			if (need_resched) {
				/* let the process run: this pass resumes here */
				goto breakouterloop;
			}
		}
	}
	/* this mm is done: on to the next */
	spin_lock(&khugepaged_mm_lock);
	if (scan_mm == mm) {
		struct list_head *next = mm->khugepaged_slot.next;
		scan_address = 0;
		if (next == &khugepaged_mm_head) {
			scan_mm = NULL;
			khugepaged_full_scans++;
		} else {
			scan_mm = list_entry(next, struct mm_struct, khugepaged_slot);
		}
	}
	spin_unlock(&khugepaged_mm_lock);
breakouterloop:
	if (mmap_locked)
		mmap_read_unlock(mm);
breakouterloop_unlocked:
	mmdrop(mm);
	return progress ? progress : 1;
}

static bool khugepaged_has_work(void)
{
	return !list_empty(&khugepaged_mm_head) && khugepaged_enabled();
}

/* One pass: pages_to_scan PTEs over the registered mms. */
static void khugepaged_do_scan(void)
{
	unsigned int progress = 0, pass_through_head = 0;
	int result = SCAN_SUCCEED;

	while (progress < khugepaged_pages_to_scan) {
		cond_resched();
		if (!khugepaged_has_work())
			break;
		if (!scan_mm)
			pass_through_head++;
		if (pass_through_head >= 2)
			break;
		progress += khugepaged_scan_mm_slot(khugepaged_pages_to_scan - progress, &result);
		if (result == SCAN_ALLOC_HUGE_PAGE_FAIL) {
			/* no 2 MiB block free: back off for alloc_sleep_millisecs */
			unsigned long gen = knob_generation;
			wait_event_interruptible_timeout(khugepaged_wait, knob_generation != gen,
							 msecs_to_jiffies(khugepaged_alloc_sleep_millisecs));
			break;
		}
	}
}

/* Milliseconds to sleep before the next pass. With jitter=SEED on the
 * command line the wake-ups vary reproducibly around the knob's value. */
static unsigned long khugepaged_sleep_ms(void)
{
	static u64 state;
	unsigned long ms = khugepaged_scan_sleep_millisecs;

	if (!boot_params.jitter_seed)
		return ms;
	return ms + jitter_next(&state, JITTER_KHUGEPAGED) % (ms / 4 + 2);
}

static int khugepaged(void *unused)
{
	for (;;) {
		khugepaged_do_scan();
		unsigned long gen = knob_generation;
		if (khugepaged_has_work())
			wait_event_interruptible_timeout(khugepaged_wait, knob_generation != gen,
							 msecs_to_jiffies(khugepaged_sleep_ms()) + 1);
		else
			wait_event_interruptible(khugepaged_wait,
						 khugepaged_has_work() || knob_generation != gen);
	}
	return 0;
}

void khugepaged_start_if_needed(void)
{
	wake_up(&khugepaged_wait);
}

/* --- MADV_COLLAPSE ------------------------------------------------------------------ */

static int madvise_collapse_errno(int r)
{
	switch (r) {
	case SCAN_ALLOC_HUGE_PAGE_FAIL:
		return -ENOMEM;
	case SCAN_CGROUP_CHARGE_FAIL:
		return -EBUSY;
	case SCAN_PAGE_COUNT:
	case SCAN_PAGE_LOCK:
	case SCAN_PAGE_LRU:
	case SCAN_DEL_PAGE_LRU:
		return -EAGAIN;
	}
	return -EINVAL;
}

/* Collapse every 2 MiB-aligned range of [start, end) in vma now, with no
 * regard for khugepaged's limits or the enabled knob (VM_NOHUGEPAGE and
 * prctl still forbid it). Called with mmap_lock held for write. Returns 0
 * if every range is huge afterwards, else the errno of the last failure. */
int madvise_collapse(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	struct collapse_control cc = { .is_khugepaged = false, .mmap_write_locked = true };
	struct mm_struct *mm = vma->vm_mm;
	unsigned long hstart = ALIGN(start, HPAGE_PMD_SIZE), hend = ALIGN_DOWN(end, HPAGE_PMD_SIZE);
	int thps = 0, last_fail = SCAN_FAIL;
	bool locked = true;

	if (!hugepage_vma_check(vma, vma->vm_flags, false, false, false))
		return -EINVAL;
	for (unsigned long addr = hstart; addr < hend; addr += HPAGE_PMD_SIZE) {
		int result = hpage_collapse_scan_pmd(mm, vma, addr, &locked, &cc);
		switch (result) {
		case SCAN_SUCCEED:
		case SCAN_PMD_MAPPED:
			thps++;
			break;
		case SCAN_PMD_NULL:
		case SCAN_PTE_NON_PRESENT:
		case SCAN_PAGE_RO:
		case SCAN_LACK_REFERENCED_PAGE:
		case SCAN_PAGE_NULL:
		case SCAN_PAGE_COUNT:
		case SCAN_PAGE_LOCK:
		case SCAN_PAGE_COMPOUND:
		case SCAN_PAGE_LRU:
			last_fail = result;
			break;
		default:
			return madvise_collapse_errno(result);
		}
	}
	return thps == (int)((hend - hstart) >> HPAGE_PMD_SHIFT) ? 0 : madvise_collapse_errno(last_fail);
}

/* --- /sys/kernel/mm/transparent_hugepage/khugepaged/ -------------------------------- */

struct khugepaged_knob {
	const char *name;
	unsigned int *value;
	unsigned long *counter;		/* read-only statistics */
	unsigned int min, max;
	bool wakes;			/* a write wakes the thread (sleep knobs) */
};

static const struct khugepaged_knob knobs[] = {
	{ "pages_to_scan", &khugepaged_pages_to_scan, NULL, 1, 0xffffffff, false },
	{ "scan_sleep_millisecs", &khugepaged_scan_sleep_millisecs, NULL, 0, 0xffffffff, true },
	{ "alloc_sleep_millisecs", &khugepaged_alloc_sleep_millisecs, NULL, 0, 0xffffffff, true },
	{ "max_ptes_none", &khugepaged_max_ptes_none, NULL, 0, HPAGE_PMD_NR - 1, false },
	{ "max_ptes_swap", &khugepaged_max_ptes_swap, NULL, 0, HPAGE_PMD_NR - 1, false },
	{ "max_ptes_shared", &khugepaged_max_ptes_shared, NULL, 0, HPAGE_PMD_NR - 1, false },
	{ "defrag", &khugepaged_defrag, NULL, 0, 1, false },
	{ "pages_collapsed", NULL, &khugepaged_pages_collapsed, 0, 0, false },
	{ "full_scans", NULL, &khugepaged_full_scans, 0, 0, false },
};

static int knob_set(const struct khugepaged_knob *k, const char *buf)
{
	unsigned long v;
	if (!k->value || kstrtoul(buf, 10, &v) || v < k->min || v > k->max)
		return -EINVAL;
	*k->value = v;
	if (k->wakes) {
		knob_generation++;
		wake_up(&khugepaged_wait);
	}
	return 0;
}

static int knob_show(struct seq_file *m, struct task_struct *t, void *data)
{
	const struct khugepaged_knob *k = data;
	return seq_printf(m, "%lu\n", k->value ? (unsigned long)*k->value : *k->counter);
}

static int knob_store(struct task_struct *t, void *data, const char *buf, size_t len)
{
	return knob_set(data, buf);
}

static const struct pseudo_file_ops knob_ops = { .show = knob_show, .store = knob_store };

static int scan_results_show(struct seq_file *m, struct task_struct *t, void *data)
{
	for (int i = 0; i < NR_SCAN_RESULTS; i++)
		seq_printf(m, "%s %lu\n", scan_result_names[i], scan_result_count[i]);
	return 0;
}

static const struct pseudo_file_ops scan_results_ops = { .show = scan_results_show };

/* khugepaged.NAME=VALUE on the command line. */
int khugepaged_set_param(const char *name_eq_value)
{
	const char *eq = name_eq_value ? strchr(name_eq_value, '=') : NULL;
	if (!eq)
		return -EINVAL;
	for (unsigned i = 0; i < ARRAY_SIZE(knobs); i++)
		if (strlen(knobs[i].name) == (size_t)(eq - name_eq_value) &&
		    !strncmp(knobs[i].name, name_eq_value, eq - name_eq_value))
			return knob_set(&knobs[i], eq + 1);
	return -EINVAL;
}

void khugepaged_init(void)
{
	char path[128];
	for (unsigned i = 0; i < ARRAY_SIZE(knobs); i++) {
		snprintf(path, sizeof(path), "kernel/mm/transparent_hugepage/khugepaged/%s", knobs[i].name);
		sysfs_create(path, knobs[i].value ? 0644 : 0444, &knob_ops, (void *)&knobs[i]);
	}
	sysfs_create("kernel/mm/transparent_hugepage/khugepaged/scan_results", 0444,
		     &scan_results_ops, NULL);
	khugepaged_thread = kthread_run(khugepaged, NULL, "khugepaged");
}
