/* thpstress: N processes × M seconds of THP life under memory pressure, every byte
 * accounted for. Runs on thpkernel and on Linux.
 *
 *   thpstress [-n OPS] [-H] SECONDS PROCS SEED
 *
 * PROCS workers each own a 16 MiB region (MADV_HUGEPAGE) and do, at random: huge-page
 * faults of whole 2 MiB units, writes (a checksum per 4 KiB page is kept in the
 * process), forks (the child checks every page it inherited, then writes its own copy),
 * partial munmap and mprotect, MADV_DONTNEED, MADV_HUGEPAGE/NOHUGEPAGE, MADV_COLLAPSE,
 * and check pages all the time. Meanwhile khugepaged scans with scan_sleep_millisecs=0
 * and a memory hog allocates until MemFree is just below the low watermark
 * (min_free_kbytes × 5/4), lets go, and starts again, so reclaim runs.
 * -n: each worker does exactly OPS operations (SECONDS is then only a limit), so that
 * two runs with one SEED make the same calls; -H: no hog.
 * The THP knobs are changed, and the hog runs, only on thpkernel or on a Linux of at
 * most 2 GiB (a test VM): never on a workstation. The seed and the outcome lines are
 * printed; the exit status is 0 only when no data mismatch was seen and every process
 * ended normally. docs/reliability.md explains it. */
#include "testlib.h"

#include <signal.h>
#include <stdarg.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/wait.h>

#define REGION (16 * MB)
#define NPAGES (REGION / PAGE_SIZE)
#define UNIT_PAGES (HPAGE_SIZE / PAGE_SIZE)
#define NUNITS (REGION / HPAGE_SIZE)
#define WORDS (PAGE_SIZE / 8)
#define MAX_PROCS 16
#define MAX_KIDS 3
#define MAX_MSGS 4

enum { OP_FAULT, OP_WRITE, OP_VERIFY, OP_FORK, OP_MUNMAP, OP_MPROTECT, OP_DONTNEED, OP_ADVISE,
       OP_COLLAPSE, OP_MREMAP, NOPS };
static const char *const op_names[NOPS] = {
	"huge faults", "writes", "verifies", "forks", "munmaps", "mprotects", "dontneeds", "madvises",
	"collapses", "mremaps",
};

/* What a worker tells the master (shared memory). */
struct worker_stats {
	volatile unsigned long ops[NOPS];
	volatile unsigned long collapsed, mismatches, pages_checked, kid_failures, odd_errors;
	volatile int nmsg;
	char msg[MAX_MSGS][200];
};

struct shared {
	volatile int stop;
	volatile unsigned long hog_cycles, hog_peak_mb;
	struct worker_stats w[MAX_PROCS];
};

static struct shared *sh;
static struct worker_stats *me;	/* counters: the worker's shared slot, or a child's own */
static struct worker_stats *notes;	/* where note() writes: always the shared slot */
static uint64_t rng;

static uint64_t rnd64(void) { return xorshift64_star(&rng); }

static unsigned long rnd(unsigned long n)
{
	return n ? rnd64() % n : 0;
}

static void note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Keeps the first few descriptions of what went wrong for the master to print. */
static void note(const char *fmt, ...)
{
	va_list ap;
	int i = notes->nmsg;

	if (i >= MAX_MSGS)
		return;
	notes->nmsg = i + 1;
	va_start(ap, fmt);
	vsnprintf(notes->msg[i], sizeof(notes->msg[i]), fmt, ap);
	va_end(ap);
}

/* ---- a worker's region and the checksum of each of its pages ------------------ */

/* Per page: how it is mapped, and the checksum its contents must have. The
 * checksum is a sum over the page's words of mix(word, position), so one write
 * updates it without reading the page; checking a page reads all of it. */
enum { P_UNMAPPED, P_NONE, P_RO, P_RW };

static char *region;
static unsigned char pst[NPAGES];
static uint64_t psum[NPAGES];
static unsigned long plast[NPAGES];	/* the operation that last changed the page */
static uint64_t zero_sum;
static unsigned long op_count;

/* One word's share of its page's checksum: a bijection of the word, per position. */
static uint64_t mix(uint64_t w, unsigned long j)
{
	return (w ^ (j * 0x9E3779B97F4A7C15ULL)) * 0xD6E8FEB86659FD93ULL;
}

/* The checksum of page i as it is in memory now (reads all of it). */
static uint64_t page_sum(unsigned long i)
{
	const volatile uint64_t *w = (const volatile uint64_t *)(region + i * PAGE_SIZE);
	uint64_t s = 0;

	for (unsigned long j = 0; j < WORDS; j++)
		s += mix(w[j], j);
	return s;
}

/* Records what page i now is: its mapping and the checksum it must have. */
static void set_page(unsigned long i, int state, uint64_t sum)
{
	pst[i] = state;
	psum[i] = sum;
	plast[i] = op_count;
}

/* Writes a few random words into a read-write page and updates its checksum. */
static void write_page(unsigned long i)
{
	volatile uint64_t *w = (volatile uint64_t *)(region + i * PAGE_SIZE);

	for (int n = 1 + rnd(8); n > 0; n--) {
		unsigned long j = rnd(WORDS);
		uint64_t v = rnd64();
		psum[i] += mix(v, j) - mix(w[j], j);
		w[j] = v;
	}
	plast[i] = op_count;
}

/* Returns 1 (and reports it) when a readable page's contents are not what was written. */
static int verify_page(unsigned long i, const char *who)
{
	if (pst[i] != P_RO && pst[i] != P_RW)
		return 0;
	uint64_t s = page_sum(i);
	me->pages_checked++;
	if (s == psum[i])
		return 0;
	me->mismatches++;
	note("%s: data mismatch in page %lu (%p): checksum %#llx, expected %#llx%s; last changed by operation %lu",
	     who, i, (void *)(region + i * PAGE_SIZE), (unsigned long long)s, (unsigned long long)psum[i],
	     s == zero_sum ? " (the page reads as zeros)" : "", plast[i]);
	psum[i] = s;	/* report each loss once */
	return 1;
}

/* A random range of pages [*first, *end): within one 2 MiB unit or across two. */
static void pick_range(unsigned long *first, unsigned long *end, unsigned long max)
{
	*first = rnd(NPAGES);
	*end = *first + 1 + rnd(max);
	if (*end > NPAGES)
		*end = NPAGES;
}

/* Shrinks [first, end) to the mapped pages that start it; returns 0 when empty. */
static int mapped_prefix(unsigned long first, unsigned long *end)
{
	unsigned long i = first;

	while (i < *end && pst[i] != P_UNMAPPED)
		i++;
	*end = i;
	return i > first;
}

/* A call the stress relies on failed: say so; the pages it covered are no longer
 * touched until a huge fault maps their unit afresh. */
static void call_failed(const char *what, unsigned long first, unsigned long end)
{
	me->odd_errors++;
	note("%s of pages %lu-%lu failed: %s", what, first, end - 1, errno_name(errno));
	for (unsigned long i = first; i < end; i++)
		set_page(i, P_UNMAPPED, 0);
}

/* ---- operations ------------------------------------------------------------ */

/* Maps one 2 MiB unit afresh (always when it is not all read-write), asks for huge
 * pages, and writes every page of it: the first write is a huge-PMD fault. Mapping it
 * afresh matters: a unit that was read first holds the huge zero page, and a write
 * there falls back to 4 KiB pages (Linux before 6.11 does the same). */
static void op_fault(void)
{
	unsigned long u = rnd(NUNITS), first = u * UNIT_PAGES, i;
	char *base = region + first * PAGE_SIZE;

	for (i = first; i < first + UNIT_PAGES && pst[i] == P_RW; i++)
		;
	if (i < first + UNIT_PAGES || rnd(4)) {
		if (mmap(base, HPAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != base) {
			call_failed("mmap(MAP_FIXED)", first, first + UNIT_PAGES);
			return;
		}
		for (i = first; i < first + UNIT_PAGES; i++)
			set_page(i, P_RW, zero_sum);
	}
	if (rnd(10) && madvise(base, HPAGE_SIZE, MADV_HUGEPAGE))
		call_failed("madvise(MADV_HUGEPAGE)", first, first + UNIT_PAGES);
	if (psum[first] == zero_sum && pst[first] == P_RW) {
		/* a write, with no read before it: a read would map the huge zero page */
		uint64_t v = rnd64() | 1;
		*(volatile uint64_t *)base = v;
		psum[first] += mix(v, 0) - mix(0, 0);
	}
	for (i = first; i < first + UNIT_PAGES; i++)
		if (pst[i] == P_RW)
			write_page(i);
}

/* Writes into up to 64 random read-write pages. */
static void op_write(void)
{
	for (int n = 1 + rnd(64); n > 0; n--) {
		unsigned long i = rnd(NPAGES);
		if (pst[i] == P_RW)
			write_page(i);
	}
}

/* Checks 64 random pages, or every page on every 50th operation. */
static void op_verify(void)
{
	if (op_count % 50 == 0) {
		for (unsigned long i = 0; i < NPAGES; i++)
			verify_page(i, "worker");
		return;
	}
	for (int n = 0; n < 64; n++)
		verify_page(rnd(NPAGES), "worker");
}

static pid_t kids[MAX_KIDS];
static int nkids;

/* A forked child ended: anything but exit 0 is counted (3: it saw a mismatch). */
static void kid_ended(int status)
{
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return;
	me->kid_failures++;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 3)
		me->mismatches++;
	else
		note("a forked child ended with %s", status_text(status));
}

/* Collects the children that have ended (block: waits for all of them). */
static void reap_kids(int block)
{
	for (int k = 0; k < nkids; k++) {
		int status;
		pid_t r = waitpid(kids[k], &status, block ? 0 : WNOHANG);
		if (r == kids[k] || (r < 0 && errno != EINTR)) {
			if (r == kids[k])
				kid_ended(status);
			kids[k--] = kids[--nkids];
		}
	}
}

/* The child checks every page it inherited, writes its own copy of some, checks
 * those, and exits 3 if anything was wrong (copy-on-write must keep both apart). */
static void op_fork(void)
{
	if (nkids == MAX_KIDS)
		reap_kids(1);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		static struct worker_stats own;
		int bad = 0;
		me = &own;	/* its parent counts it once, from its exit status */
		for (unsigned long i = 0; i < NPAGES; i++)
			bad += verify_page(i, "forked child");
		for (int n = 0; n < 32; n++) {
			unsigned long i = rnd(NPAGES);
			if (pst[i] == P_RW) {
				write_page(i);
				bad += verify_page(i, "forked child after its write");
			}
		}
		_exit(bad ? 3 : 0);
	}
	rnd64();	/* the child used the same numbers: move on */
	if (pid < 0) {
		me->odd_errors++;
		note("fork: %s", errno_name(errno));
		return;
	}
	kids[nkids++] = pid;
}

/* Unmaps a random range (up to 600 pages, across units): PMDs split, THPs go on
 * the deferred split queue. */
static void op_munmap(void)
{
	unsigned long first, end;

	pick_range(&first, &end, 600);
	if (munmap(region + first * PAGE_SIZE, (end - first) * PAGE_SIZE)) {
		call_failed("munmap", first, end);
		return;
	}
	for (unsigned long i = first; i < end; i++)
		set_page(i, P_UNMAPPED, 0);
}

/* Changes the protection of a mapped range; its data must stay. */
static void op_mprotect(void)
{
	static const int prots[] = { PROT_NONE, PROT_READ, PROT_READ | PROT_WRITE, PROT_READ | PROT_WRITE };
	static const unsigned char states[] = { P_NONE, P_RO, P_RW, P_RW };
	unsigned long first, end;
	int k = rnd(4);

	pick_range(&first, &end, 600);
	if (!mapped_prefix(first, &end))
		return;
	if (mprotect(region + first * PAGE_SIZE, (end - first) * PAGE_SIZE, prots[k])) {
		call_failed("mprotect", first, end);
		return;
	}
	for (unsigned long i = first; i < end; i++)
		set_page(i, states[k], psum[i]);	/* the data stays */
}

/* MADV_DONTNEED on a mapped range: it reads as zeros afterwards. */
static void op_dontneed(void)
{
	unsigned long first, end;

	pick_range(&first, &end, 700);
	if (!mapped_prefix(first, &end))
		return;
	if (madvise(region + first * PAGE_SIZE, (end - first) * PAGE_SIZE, MADV_DONTNEED)) {
		call_failed("madvise(MADV_DONTNEED)", first, end);
		return;
	}
	for (unsigned long i = first; i < end; i++)
		set_page(i, pst[i], zero_sum);
}

/* MADV_HUGEPAGE (2 in 3) or MADV_NOHUGEPAGE on a mapped range: VMAs split and merge. */
static void op_advise(void)
{
	unsigned long first, end;

	pick_range(&first, &end, 1024);
	if (!mapped_prefix(first, &end))
		return;
	if (madvise(region + first * PAGE_SIZE, (end - first) * PAGE_SIZE, rnd(3) ? MADV_HUGEPAGE : MADV_NOHUGEPAGE))
		call_failed("madvise(MADV_HUGEPAGE/NOHUGEPAGE)", first, end);
}

/* MADV_COLLAPSE of one or two units: it may fail (EAGAIN, ENOMEM, EINVAL on holes),
 * but never changes a byte. */
static void op_collapse(void)
{
	unsigned long u = rnd(NUNITS), n = u + 1 < NUNITS && rnd(2) ? 2 : 1;
	unsigned long first = u * UNIT_PAGES, end = first + n * UNIT_PAGES;

	if (madvise(region + first * PAGE_SIZE, n * HPAGE_SIZE, MADV_COLLAPSE) == 0)
		me->collapsed++;
	for (unsigned long i = first; i < end; i++)
		verify_page(i, "worker after MADV_COLLAPSE");
}

/* A 2 MiB-aligned spare range (reserved PROT_NONE) that units move through. */
static char *spare;

/* One unit moves away and back with mremap(MREMAP_FIXED): to the spare range, 2 MiB
 * aligned (its huge PMDs move whole, with their deposited tables) or 4 KiB off (they
 * are split first, and it comes back PTE-mapped); its data must come back with it. */
static void op_mremap(void)
{
	unsigned long u = rnd(NUNITS), first = u * UNIT_PAGES;
	char *at = region + first * PAGE_SIZE, *away = spare + (rnd(2) ? PAGE_SIZE : 0);

	/* EFAULT when mprotect or munmap left the unit in more than one VMA: skip it */
	if (mremap(at, HPAGE_SIZE, HPAGE_SIZE, MREMAP_MAYMOVE | MREMAP_FIXED, away) == MAP_FAILED)
		return;
	if (mremap(away, HPAGE_SIZE, HPAGE_SIZE, MREMAP_MAYMOVE | MREMAP_FIXED, at) == MAP_FAILED) {
		call_failed("mremap back", first, first + UNIT_PAGES);
		return;
	}
	/* take the spare range back before any other mapping lands there */
	if (mmap(spare, 2 * HPAGE_SIZE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE,
		 -1, 0) == MAP_FAILED)
		note("mmap of the spare range failed: %s", errno_name(errno));
	for (unsigned long i = first; i < first + UNIT_PAGES; i++)
		verify_page(i, "worker after mremap away and back");
}

static void (*const ops[NOPS])(void) = {
	op_fault, op_write, op_verify, op_fork, op_munmap, op_mprotect, op_dontneed, op_advise, op_collapse,
	op_mremap,
};
static const int weights[NOPS] = { 12, 25, 20, 3, 6, 8, 8, 6, 6, 3 };

/* A worker: random operations on its region until told to stop (or max_ops done),
 * then a check of every page. Exits 3 when data was lost, else 0. */
static __attribute__((noreturn)) void worker(int w, unsigned long seed, unsigned long max_ops)
{
	int total = 0;

	me = notes = &sh->w[w];
	rng = (seed * 0x9E3779B97F4A7C15ULL + w * 0xBF58476D1CE4E5B9ULL) | 1;
	region = thp_region(REGION);
	spare = mmap_aligned(2 * HPAGE_SIZE, HPAGE_SIZE);
	mprotect(spare, 2 * HPAGE_SIZE, PROT_NONE);
	for (unsigned long j = 0; j < WORDS; j++)
		zero_sum += mix(0, j);
	for (unsigned long i = 0; i < NPAGES; i++)
		set_page(i, P_RW, zero_sum);
	for (int k = 0; k < NOPS; k++)
		total += weights[k];
	while (!sh->stop && (!max_ops || op_count < max_ops)) {
		int r = rnd(total), k = 0;
		while (r >= weights[k])
			r -= weights[k++];
		op_count++;
		ops[k]();
		me->ops[k]++;
		reap_kids(0);
	}
	reap_kids(1);
	for (unsigned long i = 0; i < NPAGES; i++)
		verify_page(i, "worker at the end");
	_exit(me->mismatches ? 3 : 0);
}

/* ---- the memory hog --------------------------------------------------------------- */

/* Allocates 4 KiB pages, 1 MiB at a time, until MemFree is just below the low
 * watermark (never within 4 MiB of min), holds them a moment, lets go, again. */
static __attribute__((noreturn)) void hog(void)
{
	static char *chunks[4096];
	char buf[32];
	long min_kb = read_file("/proc/sys/vm/min_free_kbytes", buf, sizeof(buf)) > 0 ? atol(buf) : 16384;
	long low_kb = min_kb * 5 / 4;

	while (!sh->stop) {
		int n = 0;
		while (n < 4096 && !sh->stop) {
			long free_kb = meminfo_kb("MemFree");
			if (free_kb < low_kb - 512 || free_kb < min_kb + 4096)
				break;
			char *c = mmap(NULL, MB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			if (c == MAP_FAILED)
				break;
			madvise(c, MB, MADV_NOHUGEPAGE);
			touch_pages(c, MB);
			chunks[n++] = c;
		}
		if ((unsigned long)n > sh->hog_peak_mb)
			sh->hog_peak_mb = n;
		sleep_ms(300);
		while (n > 0)
			munmap(chunks[--n], MB);
		sh->hog_cycles++;
		sleep_ms(200);
	}
	_exit(0);
}

/* ---- the master ---------------------------------------------------------------- */

static const char *const counters[] = {
	"thp_fault_alloc", "thp_fault_fallback", "thp_collapse_alloc", "thp_collapse_alloc_failed",
	"thp_split_pmd", "thp_split_page", "thp_split_page_failed", "thp_deferred_split_page",
	"pgsteal_kswapd", "pgsteal_direct", "kswapd_wakeup", "oom_kill",
};
#define NCOUNTERS (sizeof(counters) / sizeof(counters[0]))

/* The counters above, then khugepaged's pages_collapsed and full_scans (-1: absent). */
static void read_counters(long v[NCOUNTERS + 2])
{
	for (size_t i = 0; i < NCOUNTERS; i++)
		v[i] = vmstat(counters[i]);
	v[NCOUNTERS] = thp_get_long("khugepaged/pages_collapsed");
	v[NCOUNTERS + 1] = thp_get_long("khugepaged/full_scans");
}

/* How much counter i grew from a to b (0 when the system lacks it). */
static long delta(const long *a, const long *b, size_t i)
{
	return a[i] < 0 || b[i] < 0 ? 0 : b[i] - a[i];
}

static int usage(void)
{
	printf("usage: thpstress [-n OPS] [-H] SECONDS PROCS SEED\n");
	return 2;
}

int main(int argc, char **argv)
{
	unsigned long max_ops = 0, seed;
	int argi = 1, no_hog = 0, procs, seconds;

	while (argi < argc && argv[argi][0] == '-') {
		if (!strcmp(argv[argi], "-n") && argi + 1 < argc)
			max_ops = strtoul(argv[++argi], NULL, 0);
		else if (!strcmp(argv[argi], "-H"))
			no_hog = 1;
		else
			return usage();
		argi++;
	}
	if (argc - argi != 3)
		return usage();
	seconds = atoi(argv[argi]);
	procs = atoi(argv[argi + 1]);
	seed = strtoul(argv[argi + 2], NULL, 0);
	if (seconds < 1 || procs < 1 || procs > MAX_PROCS)
		return usage();
	if (getpid() == 1) {
		mount("proc", "/proc", "proc", 0, NULL);
		mount("sysfs", "/sys", "sysfs", 0, NULL);
	}
	int test_vm = is_thpkernel() || meminfo_kb("MemTotal") <= 2 * 1024 * 1024;
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED) {
		printf("thpstress: mmap of the shared statistics: %s\n", errno_name(errno));
		return 2;
	}
	memset(sh, 0, sizeof(*sh));
	if (test_vm) {
		thp_set("khugepaged/scan_sleep_millisecs", "0");
		thp_set("khugepaged/alloc_sleep_millisecs", "50");
		thp_set("khugepaged/pages_to_scan", "4096");
	}
	char ops_text[48] = "";
	if (max_ops)
		snprintf(ops_text, sizeof(ops_text), ", %lu operations per process", max_ops);
	char mode[32] = "?";
	thp_get("enabled", mode, sizeof(mode));
	printf("thpstress: seed %lu, %d processes, %d s%s; THP %s, khugepaged scan_sleep_millisecs %ld; hog %s\n",
	       seed, procs, seconds, ops_text, mode, thp_get_long("khugepaged/scan_sleep_millisecs"),
	       no_hog ? "off (-H)" : test_vm ? "on" : "off (more than 2 GiB of memory: not a test machine)");
	fflush(stdout);

	long before[NCOUNTERS + 2], after[NCOUNTERS + 2];
	read_counters(before);
	long t0 = now_ms();
	pid_t pids[MAX_PROCS + 1];
	int nproc = 0, failed = 0, hog_kills = 0;
	for (int w = 0; w < procs; w++) {
		pid_t pid = xfork();
		if (pid == 0)
			worker(w, seed, max_ops);
		pids[nproc++] = pid;
	}
	pid_t hog_pid = 0;
	if (test_vm && !no_hog) {
		hog_pid = xfork();
		if (hog_pid == 0)
			hog();
	}

	int running = procs;
	while (running) {
		int status;
		pid_t pid = waitpid(-1, &status, WNOHANG);
		if (pid > 0 && pid == hog_pid) {
			if (!WIFEXITED(status)) {	/* the OOM killer's choice: start it again */
				hog_kills++;
				hog_pid = xfork();
				if (hog_pid == 0)
					hog();
			} else {
				hog_pid = 0;
			}
			continue;
		}
		for (int w = 0; pid > 0 && w < nproc; w++)
			if (pids[w] == pid) {
				running--;
				if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
					if (!(WIFEXITED(status) && WEXITSTATUS(status) == 3))
						printf("thpstress: FAIL process %d %s\n", w, status_text(status));
					failed++;
				}
			}
		if (pid > 0)
			continue;
		if (!sh->stop && now_ms() - t0 >= seconds * 1000L) {
			sh->stop = 1;
			if (max_ops) {
				printf("thpstress: FAIL %d s passed before every process did its %lu operations\n", seconds,
				       max_ops);
				failed++;
			}
		}
		sleep_ms(50);
	}
	sh->stop = 1;
	if (hog_pid) {
		int status;
		waitpid(hog_pid, &status, 0);
	}
	long elapsed = now_ms() - t0;
	read_counters(after);
	thp_restore_all();

	unsigned long ops[NOPS] = { 0 }, all_ops = 0, mismatches = 0, collapsed = 0, checked = 0, kid_fail = 0, odd = 0;
	for (int w = 0; w < procs; w++) {
		struct worker_stats *s = &sh->w[w];
		for (int k = 0; k < NOPS; k++) {
			ops[k] += s->ops[k];
			all_ops += s->ops[k];
		}
		mismatches += s->mismatches;
		collapsed += s->collapsed;
		checked += s->pages_checked;
		kid_fail += s->kid_failures;
		odd += s->odd_errors;
		for (int m = 0; m < s->nmsg && m < MAX_MSGS; m++)
			printf("thpstress: process %d: %s\n", w, s->msg[m]);
	}
	printf("thpstress: operations %lu in %ld.%ld s:", all_ops, elapsed / 1000, elapsed % 1000 / 100);
	for (int k = 0; k < NOPS; k++)
		printf(" %s %lu%s", op_names[k], ops[k], k + 1 < NOPS ? "," : "\n");
	printf("thpstress: collapses: thp_collapse_alloc +%ld (failed +%ld), khugepaged pages_collapsed +%ld, "
	       "MADV_COLLAPSE succeeded %lu\n", delta(before, after, 2), delta(before, after, 3),
	       delta(before, after, NCOUNTERS), collapsed);
	printf("thpstress: splits: thp_split_pmd +%ld, thp_split_page +%ld (failed +%ld), thp_deferred_split_page +%ld\n",
	       delta(before, after, 4), delta(before, after, 5), delta(before, after, 6), delta(before, after, 7));
	printf("thpstress: reclaims: pgsteal +%ld (kswapd +%ld, direct +%ld), kswapd_wakeup +%ld, hog cycles %lu "
	       "(peak %lu MiB), oom_kill +%ld\n", delta(before, after, 8) + delta(before, after, 9),
	       delta(before, after, 8), delta(before, after, 9), delta(before, after, 10), sh->hog_cycles,
	       sh->hog_peak_mb, delta(before, after, 11));
	printf("thpstress: faults: thp_fault_alloc +%ld, thp_fault_fallback +%ld\n", delta(before, after, 0),
	       delta(before, after, 1));
	printf("thpstress: events:");
	for (size_t i = 0; i < NCOUNTERS; i++)
		printf(" %s=%ld", counters[i], delta(before, after, i));
	printf(" pages_collapsed=%ld full_scans=%ld\n", delta(before, after, NCOUNTERS),
	       delta(before, after, NCOUNTERS + 1));
	if (hog_kills)
		printf("thpstress: the hog was killed %d time(s) (by the OOM killer) and started again\n", hog_kills);
	if (odd)
		printf("thpstress: note: %lu calls failed (listed above); their pages were left alone\n", odd);
	printf("thpstress: data mismatches %lu (%lu page checks; %lu forked children failed)\n", mismatches, checked,
	       kid_fail);
	/* thpkernel with debug_vm: its consistency check, once khugepaged has slowed down
	 * again (a collapse in flight holds a page no table maps yet) */
	static char check[1024];
	int ok = 0;
	for (int tries = 0; tries < 10 && !ok && read_file("/sys/kernel/debug/thp/check", check, sizeof(check)) > 0; tries++) {
		ok = !strcmp(check, "ok\n");
		if (!ok)
			sleep_ms(200);
	}
	if (check[0]) {
		printf("thpstress: kernel self-check: %s%s", ok ? "" : "FAIL ", check);
		failed += !ok;
	}
	int bad = mismatches || failed;
	printf("thpstress: %s seed %lu\n", bad ? "FAIL" : "PASS", seed);
	fflush(stdout);
	if (getpid() == 1 && !is_thpkernel())
		reboot(RB_POWER_OFF);
	return bad ? 1 : 0;
}
