/* testlib: the helpers shared by the in-guest tests (user/tests) and their runner.
 * Every test is a Linux program that checks Linux behaviour through Linux files
 * (/proc, /sys) and data read back, so the same binary passes on thpkernel and on Linux.
 * A test exits 0 (pass), 77 (skip, after printing "SKIP: reason") or 1 (fail, after
 * printing "NAME: expected X, saw Y" lines). */
#ifndef TESTLIB_H
#define TESTLIB_H

#define _GNU_SOURCE
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#define KB 1024UL
#define MB (1024UL * 1024)
#define PAGE_SIZE 4096UL
#define HPAGE_SIZE (2 * MB)
#define HPAGE_KB 2048L
#define TEST_SKIP 77

#ifndef MADV_COLLAPSE
#define MADV_COLLAPSE 25
#endif
#ifndef PR_SET_THP_DISABLE
#define PR_SET_THP_DISABLE 41
#define PR_GET_THP_DISABLE 42
#endif

/* ---- results ------------------------------------------------------------ */

extern int test_failures;   /* number of failed EXPECTs so far */

/* The test's name (argv[0] without its directory). */
const char *test_name(void);

/* Reports one failure: prints "NAME: file:line: <message>" and counts it. */
void test_report(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Ends the test: exit 1 when some EXPECT failed, else 0. Knobs are restored (atexit). */
__attribute__((noreturn)) void test_done(void);

/* Prints "SKIP: reason" and exits 77 (1 when an EXPECT already failed). */
__attribute__((noreturn, format(printf, 1, 2))) void test_skip(const char *fmt, ...);

#define EXPECT(cond, ...) \
	do { if (!(cond)) test_report(__FILE__, __LINE__, __VA_ARGS__); } while (0)
/* A failed REQUIRE ends the test at once: what follows depends on it. */
#define REQUIRE(cond, ...) \
	do { if (!(cond)) { test_report(__FILE__, __LINE__, __VA_ARGS__); test_done(); } } while (0)
#define EXPECT_EQ(what, saw, want) \
	do { long s_ = (long)(saw), w_ = (long)(want); \
	     EXPECT(s_ == w_, "%s: expected %ld, saw %ld", what, w_, s_); } while (0)
#define EXPECT_GE(what, saw, min) \
	do { long s_ = (long)(saw), m_ = (long)(min); \
	     EXPECT(s_ >= m_, "%s: expected at least %ld, saw %ld", what, m_, s_); } while (0)
/* ret must be -1 with errno == err (a libc call that failed the Linux way). */
#define EXPECT_ERRNO(what, ret, err) \
	do { long r_ = (long)(ret); int e_ = errno; \
	     EXPECT(r_ == -1 && e_ == (err), "%s: expected -1 %s, saw %ld %s", what, \
		    errno_name(err), r_, r_ == -1 ? errno_name(e_) : "(no error)"); } while (0)
/* Counter deltas: exact on thpkernel (nothing else runs), at least `want` on Linux,
 * where other processes may bump the same system-wide counter. */
#define EXPECT_DELTA(what, delta, want) \
	do { long d_ = (long)(delta), w_ = (long)(want); \
	     EXPECT(is_thpkernel() ? d_ == w_ : d_ >= w_, "%s: expected %s%ld, saw %+ld", \
		    what, is_thpkernel() ? "+" : "at least +", w_, d_); } while (0)

/* 1 if word occurs in text as a whole token: not preceded by a letter, digit or '_',
 * and not followed by one ("pid=12" is in "pid=12 addr" but not in "pid=123"). */
int has_word(const char *text, const char *word);

/* Linux's name of an errno value ("EINVAL"), or its number as text. */
const char *errno_name(int err);

/* ---- the system we run on ---------------------------------------------- */

/* 1 on thpkernel (uname release contains "thpkernel"), 0 on Linux. */
int is_thpkernel(void);
/* On Linux: 1 if the running kernel is at least major.minor. Always 1 on thpkernel. */
int kernel_at_least(int major, int minor);
/* Directory of the installed tests: $TESTS_DIR, or /bin/tests. */
const char *tests_dir(void);
/* Skips the test when MemTotal is above 2 GiB: memory pressure, reclaim and OOM
 * tests are written for the 1 GiB guest and would take a big host down. */
void skip_unless_small_memory(void);

/* ---- files ----------------------------------------------------------------- */

/* Reads at most size-1 bytes of path into buf and NUL-terminates it.
 * Returns the length, or -errno. */
long read_file(const char *path, char *buf, size_t size);
/* Reads a whole file of any length into a malloc'ed, NUL-terminated buffer (free it).
 * Returns NULL with errno set on failure. */
char *read_file_alloc(const char *path);
/* Writes the string s to path in one write(). Returns 0, or -errno. */
int write_file(const char *path, const char *s);

/* ---- counters -------------------------------------------------------------- */

/* The value of a /proc/vmstat line, or -1 when the line is absent. */
long vmstat(const char *name);
/* The value (kB) of a /proc/meminfo line, or -1 when absent. */
long meminfo_kb(const char *name);
/* The pages free right now: /proc/vmstat nr_free_pages plus the pages waiting on
 * Linux's per-CPU free lists (the "count:" lines of /proc/zoneinfo; thpkernel has
 * none). Linux frees order-0 pages to those lists first and keeps up to the low
 * watermark there (tens of MiB in a 1 GiB guest), which nr_free_pages alone misses. */
long free_pages_now(void);

/* ---- smaps and maps -------------------------------------------------------- */

/* The numeric field (e.g. "AnonHugePages", "Rss", "THPeligible") of the VMA
 * containing addr in /proc/PID/smaps (pid 0: /proc/self). kB fields are in kB.
 * Returns -1 when no VMA contains addr or the field is missing. */
long smaps_field(pid_t pid, const void *addr, const char *field);
long smaps_kb(const void *addr, const char *field);
/* Sum of a field over every VMA overlapping [addr, addr+len) of process pid. */
long smaps_sum(pid_t pid, const void *addr, size_t len, const char *field);
/* THPeligible of the VMA containing addr (0 or 1), -1 when absent. */
int smaps_thp_eligible(const void *addr);
/* The VmFlags text of the VMA containing addr ("rd wr mr mw me ac hg"), in a static
 * buffer; "" when absent. */
const char *smaps_vmflags(const void *addr);
/* The text of a field of the VMA containing addr (e.g. "THPreason" -> "eligible"), in
 * a static buffer; "" when absent. */
const char *smaps_string(const void *addr, const char *field);
/* 1 if the VMA containing addr has the two-letter VmFlags flag (e.g. "hg"). */
int has_vmflag(const void *addr, const char *flag);
/* Number of /proc/self/maps VMAs overlapping [addr, addr+len); len 0: all VMAs. */
int maps_count(const void *addr, size_t len);
/* Finds the /proc/self/maps VMA containing addr: fills start, end and perms
 * ("rw-p"). Returns 1 when found, 0 otherwise. */
int maps_find(const void *addr, unsigned long *start, unsigned long *end, char perms[5]);
/* Number of huge-PMD mappings in the whole system: AnonHugePages of every
 * /proc/PID/smaps, summed, over 2048 kB. */
long huge_pmd_mappings(void);

/* ---- thpkernel's own interfaces (absent on Linux) ------------------------- */

/* On thpkernel: EXPECTs that /proc/vmstat nr_pgtable_deposited equals the number of
 * huge PMD mappings (seed question 2). No-op on Linux. `when` names the moment. */
void check_deposited(const char *when);
/* Count of one khugepaged result ("SCAN_PAGE_RO") in
 * /sys/kernel/mm/transparent_hugepage/khugepaged/scan_results; -1 if absent. */
long scan_result(const char *name);

/* ---- THP knobs -------------------------------------------------------------- */

/* knob is a path under /sys/kernel/mm/transparent_hugepage/ ("enabled",
 * "khugepaged/max_ptes_none"). thp_get copies its current value into buf: the
 * bracketed word for a choice file, the text otherwise. Returns buf, or NULL. */
char *thp_get(const char *knob, char *buf, size_t size);
long thp_get_long(const char *knob);
/* Writes value to the knob, first saving the old value so that it is restored at
 * exit (by the process that changed it, also when a REQUIRE fails).
 * Returns 0 or -errno. */
int thp_set(const char *knob, const char *value);
int thp_set_long(const char *knob, long value);
/* thp_set, and the test skips (not root) or fails when the write is refused. */
void thp_must_set(const char *knob, const char *value);
/* thp_must_set("enabled", mode): mode is "always", "madvise" or "never". */
void thp_set_enabled(const char *mode);
/* Restores every knob changed so far (also run at exit). */
void thp_restore_all(void);
/* Makes khugepaged scan continuously: scan_sleep_millisecs=10, pages_to_scan=65536,
 * alloc_sleep_millisecs=100. */
void khugepaged_fast(void);
/* How long to wait for khugepaged: 60 s on thpkernel, 120 s on Linux. */
long khugepaged_timeout_ms(void);
/* Waits until khugepaged's full_scans has grown by n (a range of ours has then been
 * looked at). Returns 1, or 0 after the timeout. */
int wait_full_scans(long n, long timeout_ms);

/* ---- memory ------------------------------------------------------------------ */

/* An anonymous private read-write mapping of len bytes whose start is a multiple
 * of align (over-map, then trim both ends), with a PROT_NONE page left on each side
 * so that it never merges with a neighbour. Fails the test if mmap fails. */
void *mmap_aligned(size_t len, size_t align);
/* mmap_aligned(len, 2 MiB) + madvise(MADV_HUGEPAGE): a range for huge PMDs. */
void *thp_region(size_t len);
/* mmap_aligned(len, 4 KiB): a read-write mapping with a PROT_NONE page on each side,
 * so that it never merges with a neighbour: its VMAs are its own to count. */
void *mmap_guarded(size_t len);
/* Writes / checks a pattern of 64-bit words that depends on each word's address and
 * on seed, so any part of a filled range can be checked on its own.
 * check_pattern returns the offset (from p) of the first wrong byte, or -1. */
void fill_pattern(void *p, size_t len, unsigned long seed);
long check_pattern(const void *p, size_t len, unsigned long seed);
/* check_pattern for data that moved (mremap): p must hold what fill_pattern wrote
 * at filled_at. */
long check_moved_pattern(const void *p, size_t len, unsigned long seed, const void *filled_at);
/* The pattern's word at addr (8-byte aligned). */
unsigned long pattern_word(const void *addr, unsigned long seed);
/* Writes one byte in each 4 KiB page. */
void touch_pages(void *p, size_t len);
/* Returns the offset of the first non-zero byte in [p, p+len), or -1. */
long find_nonzero(const void *p, size_t len);
/* The 64-bit /proc/self/pagemap entry of addr (bit 63 present, bits 0-54 PFN);
 * 0 when it cannot be read. */
uint64_t pagemap_entry(const void *addr);
#define PM_PRESENT (1ULL << 63)
#define PM_PFN(e) ((e) & ((1ULL << 55) - 1))

/* Pages free above the min watermark in the largest memory zone ("pages free"
 * minus "min" in /proc/zoneinfo: thpkernel's one zone, Linux's DMA32 in a 1 GiB
 * guest). Below min, allocations reclaim by themselves (and, with nothing to
 * reclaim, call the OOM killer); between min and low, kswapd reclaims. MemFree is
 * no measure of that on Linux: it counts the DMA zone's 15 MiB, which user pages
 * cannot have. Falls back to MemFree minus min_free_kbytes without zoneinfo. */
long zone_free_above_min(void);

/* Memory pressure, honestly made (reclaim tests, guest of at most 2 GiB): a child
 * touches 4 KiB pages, 1 MiB at a time, until /proc/vmstat thp_split_page reaches
 * split_target or free memory is down to 4 MiB above the min watermark (below low:
 * kswapd is awake, and it is kswapd that reclaims; zone_free_above_min), holds it
 * there up to 3 s; if the target is not reached, goes on below min one page at a
 * time (kswapd may be asleep for good: then only the allocations' own reclaim is
 * left), and holds its memory up to 10 s more. Exits 0 when thp_split_page got
 * there, 3 when not. Returns the child's wait status (SIGKILL: OOM-killed). */
int memory_pressure(long split_target);
/* The same, until the /proc/vmstat counter reaches target (e.g. "thp_reserv_broken"). */
int memory_pressure_until(const char *counter, long target);
/* The pressure itself, in the calling process (which keeps the memory it touched):
 * returns 0 when counter reached target, 3 when not, 2 when it could not map memory;
 * *touched (if not NULL) gets how many bytes it wrote. */
int make_memory_pressure(const char *counter, long target, size_t *touched);

/* ---- random numbers ------------------------------------------------------------ */

/* xorshift64*: a fast generator whose whole sequence follows from its seed (the
 * fuzzer and the stress test replay runs by seed). *state must not be 0. */
static inline uint64_t xorshift64_star(uint64_t *state)
{
	*state ^= *state >> 12;
	*state ^= *state << 25;
	*state ^= *state >> 27;
	return *state * 0x2545F4914F6CDD1DULL;
}

/* ---- processes and time ---------------------------------------------------- */

/* fork(), failing the test when it fails. */
pid_t xfork(void);
/* wait4 for pid and return its status (retries EINTR). -1 on error. */
int wait_status(pid_t pid);
/* Runs fn(arg) in a child that must end by itself (exit code = fn's return) and
 * returns the wait status. Core dumps are off in the child. */
int run_in_child(int (*fn)(void *), void *arg);
/* Runs the program argv[0] (a path) with argv and returns what it wrote on its standard
 * output (malloc'ed and NUL-terminated: free it); *status (if not NULL) gets its wait
 * status (exit 127: it could not be run). */
char *run_output(char *const argv[], int *status);
/* Runs the installed program argv[0] (a name: $TESTS_DIR/../NAME, else /bin/NAME), its
 * output on ours, and returns its wait status; fails the test when it is missing. */
int run_program(char *const argv[]);
/* "exited 3" / "killed by signal 11 (SIGSEGV)": a wait status as text (static). */
const char *status_text(int status);
/* Turns core dumps off for this process (children that are meant to crash). */
void no_core_dump(void);
/* Byte messages between related processes over a pipe. */
void send_byte(int fd, char c);
char recv_byte(int fd);   /* 0 on end of file */

long now_ms(void);
void sleep_ms(long ms);
/* Polls cond(arg) every 20 ms until it is true (returns 1) or timeout_ms passed
 * (returns 0). Never "sleep and hope". */
int wait_for(int (*cond)(void *), void *arg, long timeout_ms);

#endif
