/* fuzz: a seeded random system-call fuzzer (a tiny syzkaller) for thpkernel; the same
 * binary runs on Linux, where every check it makes must hold too.
 *
 *   fuzz [-v] [-w WORKER] SEED CALLS [PROCS]
 *
 * PROCS worker processes (default 4) make CALLS system calls in all (CALLS/PROCS each)
 * with a mix of valid and hostile arguments, chosen by a random generator seeded from
 * SEED and the worker's number: the same command replays the same calls. -w runs only
 * that worker (same calls as in the full run); -v prints every call on the console
 * before it is made, so that the last line before a kernel panic names the culprit.
 *
 * What is checked (docs/reliability.md has the details):
 *  - every raw return value is a result (>= 0) or a Linux errno (-1..-133);
 *  - the answers Linux guarantees: -EFAULT for a pointer no process can use, -EBADF
 *    for a descriptor the worker knows is closed, the lowest free descriptor from
 *    open/dup/pipe, -ENOSYS for a number no kernel has, brk never failing;
 *  - each worker's 32 MiB arena: after every memory call, /proc/self/maps must show
 *    what the call promised, and the words it wrote read back (also in forked
 *    children, which then scribble on their copy: copy-on-write must isolate them);
 *  - bytes sent through its pipes arrive in order;
 *  - children end as they must (exit code, or SIGSEGV/SIGILL/... for crashes on purpose);
 *  - no worker dies or stops making progress for STALL_S seconds (a hang);
 *  - on thpkernel, after the run: AnonPages and PageTables back to their values from
 *    before, nr_free_pages within FREE_SLACK pages of it, and the debug_vm self-check
 *    (/sys/kernel/debug/thp/check) "ok".
 * Never called: reboot, kill of anything but the worker's own children (and itself with
 * signal 0), blocking calls that could wait forever. The THP knobs it writes are put
 * back at the end; on Linux with more than 2 GiB (a workstation, not a test VM) it
 * writes only values Linux refuses, and it never uses MADV_HWPOISON there. */
#include "testlib.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/reboot.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#define U(x) ((unsigned long)(x))
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define PICK(a) ((a)[rnd(ARRAY_SIZE(a))])

#define MAX_ERRNO_LINUX 133	/* EHWPOISON, the highest errno Linux has */
#define MAX_PROCS 16
#define ARENA (32 * MB)		/* each worker's playground for memory calls */
#define ARENA_PAGES (ARENA / PAGE_SIZE)
#define SCRATCH (64 * KB)	/* where the kernel may write; a PROT_NONE page follows */
#define STR_PAGES 4		/* path strings, read by the kernel only */
#define NFDS 128		/* descriptors the worker's model follows */
#define MAX_OPEN 40
#define MAX_PIPES 24
#define MAX_CHILDREN 8
#define MAX_FAILS 8		/* a worker stops after this many problems */
#define RING 16			/* last calls kept per worker for the report */
#define TRACE_FD 250		/* -v: the console, out of the fuzzed descriptors' way */
#define NR_STATS 336		/* per syscall number 0..334, and one for the others */
#define STALL_S 60		/* no call finishing for this long is a hang */
#define FREE_SLACK 0		/* nr_free_pages may end this many pages off its baseline */
#define PENDING (-0x7fffffffffffffffL)

/* ---- shared with the master ------------------------------------------------ */

struct call_rec {
	unsigned long seq;
	long nr;
	unsigned long a[6];
	long ret;		/* PENDING while the call runs */
};

struct worker_status {
	volatile unsigned long calls;
	volatile int busy;	/* inside a system call */
	struct call_rec ring[RING];
	int nfail;
	char fail[MAX_FAILS][384];
	char child_msg[384];	/* a child's report of what it found wrong */
	unsigned long ok[NR_STATS], err[NR_STATS];
	unsigned long words_checked, children, huge_writes, pipe_bytes;
};

static struct worker_status *status_all;

/* ---- the worker's state ------------------------------------------------------ */

static int wid, nprocs, verbose, thpk, knobs_full;
static unsigned long seed_arg, per_worker;
static pid_t master_pid;
static struct worker_status *st, *shared_st, child_st;
static int in_child;
static uint64_t rng;

static unsigned long arena, scratch, strs, ro_page, none_page;

static const char *const sys_names[NR_STATS] = {
	[0] = "read", [1] = "write", [2] = "open", [3] = "close", [4] = "stat", [5] = "fstat",
	[6] = "lstat", [7] = "poll", [8] = "lseek", [9] = "mmap", [10] = "mprotect",
	[11] = "munmap", [12] = "brk", [13] = "rt_sigaction", [14] = "rt_sigprocmask",
	[15] = "rt_sigreturn", [16] = "ioctl", [17] = "pread64", [19] = "readv", [20] = "writev",
	[21] = "access", [22] = "pipe", [24] = "sched_yield", [25] = "mremap", [26] = "msync",
	[27] = "mincore", [28] = "madvise", [32] = "dup", [33] = "dup2", [34] = "pause",
	[35] = "nanosleep", [36] = "getitimer", [39] = "getpid", [56] = "clone", [57] = "fork",
	[58] = "vfork", [59] = "execve", [60] = "exit", [61] = "wait4", [62] = "kill",
	[63] = "uname", [72] = "fcntl", [74] = "fsync", [75] = "fdatasync", [77] = "ftruncate",
	[79] = "getcwd", [80] = "chdir", [83] = "mkdir", [84] = "rmdir", [87] = "unlink",
	[89] = "readlink", [95] = "umask", [96] = "gettimeofday", [97] = "getrlimit",
	[98] = "getrusage", [99] = "sysinfo", [100] = "times", [102] = "getuid",
	[104] = "getgid", [107] = "geteuid", [108] = "getegid", [109] = "setpgid",
	[110] = "getppid", [111] = "getpgrp", [112] = "setsid", [121] = "getpgid",
	[131] = "sigaltstack", [137] = "statfs", [138] = "fstatfs", [157] = "prctl",
	[158] = "arch_prctl", [162] = "sync", [165] = "mount", [186] = "gettid", [200] = "tkill",
	[204] = "sched_getaffinity", [217] = "getdents64", [218] = "set_tid_address",
	[228] = "clock_gettime", [229] = "clock_getres", [230] = "clock_nanosleep",
	[231] = "exit_group", [257] = "openat", [258] = "mkdirat", [262] = "newfstatat",
	[263] = "unlinkat", [269] = "faccessat", [273] = "set_robust_list", [292] = "dup3",
	[293] = "pipe2", [302] = "prlimit64", [318] = "getrandom", [332] = "statx",
};

/* The name of system call nr ("syscall_N" for one the table lacks; static buffer). */
static const char *sys_name(long nr)
{
	static char other[32];

	if (nr >= 0 && nr < NR_STATS - 1 && sys_names[nr])
		return sys_names[nr];
	snprintf(other, sizeof(other), "syscall_%ld", nr);
	return other;
}

/* ---- random numbers ---------------------------------------------------------- */

static uint64_t splitmix(uint64_t x)
{
	x += 0x9E3779B97F4A7C15ULL;
	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
	x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
	return x ^ (x >> 31);
}

static uint64_t rnd64(void) { return xorshift64_star(&rng); }

/* A number in [0, n); 0 when n is 0. */
static unsigned long rnd(unsigned long n)
{
	return n ? rnd64() % n : 0;
}

/* 1 with the given probability in percent. */
static int chance(int percent)
{
	return (int)rnd(100) < percent;
}

/* ---- making calls --------------------------------------------------------------- */

/* The raw system call: the kernel's answer exactly as it left rax. */
static long raw6(long nr, unsigned long a, unsigned long b, unsigned long c, unsigned long d,
		 unsigned long e, unsigned long f)
{
	register unsigned long r10 __asm__("r10") = d, r8 __asm__("r8") = e, r9 __asm__("r9") = f;
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(nr), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

/* "EINVAL" for a raw return of -22, "" for a result. */
static const char *errno_text(long ret)
{
	return ret < 0 && ret >= -4095 ? errno_name((int)-ret) : "";
}

/* "#12 madvise(0x7f0000000000, 0x200000, 0xe) = -22 EINVAL" */
static void format_call(char *buf, size_t size, const struct call_rec *r)
{
	int n = 6, off;

	while (n > 1 && !r->a[n - 1])
		n--;
	off = snprintf(buf, size, "#%lu %s(", r->seq, sys_name(r->nr));
	for (int i = 0; i < n && off < (int)size; i++)
		off += snprintf(buf + off, size - off, "%s%#lx", i ? ", " : "", r->a[i]);
	if (off >= (int)size)
		return;
	if (r->ret == PENDING)
		snprintf(buf + off, size - off, ") ... (did not return)");
	else
		snprintf(buf + off, size - off, ") = %ld %s", r->ret, errno_text(r->ret));
}

static void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Records a problem: in the worker's report (the call it follows is named), or, in a
 * child, in the one message slot its parent reads when it sees exit status 3. */
static void fail(const char *fmt, ...)
{
	char msg[256], call[160] = "";
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (in_child) {
		if (!shared_st->child_msg[0])
			snprintf(shared_st->child_msg, sizeof(shared_st->child_msg), "%s", msg);
		return;
	}
	if (st->calls)
		format_call(call, sizeof(call), &st->ring[(st->calls - 1) % RING]);
	if (st->nfail < MAX_FAILS)
		snprintf(st->fail[st->nfail], sizeof(st->fail[0]), "after %s: %s", call, msg);
	st->nfail++;
}

/* -v: the call, on the console, before it is made. */
static void trace_call(const struct call_rec *r)
{
	char line[200];
	int n = snprintf(line, sizeof(line), "fuzz w%d ", wid);

	format_call(line + n, sizeof(line) - n - 1, r);
	char *end = strstr(line, ") ... (did");
	if (end)
		strcpy(end, ")");
	n = strlen(line);
	line[n++] = '\n';
	raw6(SYS_write, TRACE_FD, U(line), n, 0, 0, 0);
}

/* Records a call about to be made in the worker's ring (the master reads it). */
static struct call_rec *call_begin(long nr, const unsigned long *a)
{
	struct call_rec *r = &st->ring[st->calls % RING];

	r->seq = st->calls;
	r->nr = nr;
	memcpy(r->a, a, sizeof(r->a));
	r->ret = PENDING;
	if (verbose && !in_child)
		trace_call(r);
	st->busy = 1;
	return r;
}

/* Records the call's answer, counts it, and checks it is a result or a Linux errno. */
static long call_end(struct call_rec *r, long ret)
{
	unsigned long i = (unsigned long)r->nr < NR_STATS - 1 ? (unsigned long)r->nr : NR_STATS - 1;

	st->busy = 0;
	r->ret = ret;
	st->calls++;
	if (ret < 0)
		st->err[i]++;
	else
		st->ok[i]++;
	/* lseek may return any offset (Linux's /proc/PID/pagemap takes negative ones) */
	if (ret < -MAX_ERRNO_LINUX && (r->nr != SYS_lseek || ret >= -4095))
		fail("raw return %ld (%#lx) is neither a result nor a Linux errno (-1..-%d)", ret,
		     (unsigned long)ret, MAX_ERRNO_LINUX);
	return ret;
}

/* A fuzzed system call: recorded, counted and checked for a Linux answer. */
static long sc_(long nr, const unsigned long *a)
{
	struct call_rec *r = call_begin(nr, a);

	return call_end(r, raw6(nr, a[0], a[1], a[2], a[3], a[4], a[5]));
}
#define SC(nr, ...) sc_((nr), (const unsigned long[6]){ __VA_ARGS__ })

/* Reports a problem unless the call answered want. */
static void expect_ret(long ret, long want, const char *what)
{
	if (ret != want)
		fail("%s: expected %ld %s, saw %ld %s", what, want, errno_text(want), ret, errno_text(ret));
}

/* ---- pointers, lengths, numbers ------------------------------------------------ */

/* Addresses no process can use: the NULL page, a hole below the program (it starts at
 * 0x400000 and the worker unmaps anything that lands below it), non-canonical ones and
 * the kernel half. The kernel must answer EFAULT, never fault itself. */
static const unsigned long wild[] = {
	0, 1, 0xfff, 0x200000, 0x3ff000, 0x0000800000000000UL, 0x0000800000001000UL,
	0x8000000000000000UL, 0xffff800000000000UL, 0xffff888000000000UL,
	0xffffffff80000000UL, 0xfffffffffffff000UL, 0xfffffffffffffff8UL,
};

/* A pointer that is certainly bad for the kernel to read (for_write: or to write). */
static unsigned long bad_ptr(int for_write)
{
	unsigned long i = rnd(ARRAY_SIZE(wild) + 1 + for_write);

	if (i < ARRAY_SIZE(wild))
		return wild[i];
	if (i == ARRAY_SIZE(wild))
		return none_page + rnd(PAGE_SIZE);
	return ro_page + rnd(PAGE_SIZE);
}

/* A bad pointer that is not NULL (where NULL means "none" and is valid). */
static unsigned long bad_nonnull(int for_write)
{
	unsigned long p;

	do
		p = bad_ptr(for_write);
	while (!p);
	return p;
}

static void arena_clobbered(unsigned long p, unsigned long len);

/* A buffer of len bytes the kernel will write to: scratch memory (sometimes running
 * into its guard page), the arena (whose words then become unknown), or a bad pointer
 * (*bad = 1: the kernel must answer EFAULT when it writes there). */
static unsigned long ptr_out(unsigned long len, int *bad)
{
	unsigned long r = rnd(100), p;

	*bad = 0;
	if (r < 60) {
		if (len < SCRATCH && chance(90))
			return scratch + rnd(SCRATCH - len + 1);
		return scratch + rnd(SCRATCH);
	}
	if (r < 70) {
		p = arena + rnd(ARENA);
		arena_clobbered(p, len);
		return p;
	}
	*bad = 1;
	return bad_ptr(1);
}

/* A buffer the kernel will only read: any of ptr_out's, or read-only memory. */
static unsigned long ptr_in(unsigned long len, int *bad)
{
	*bad = 0;
	if (chance(15))
		return ro_page + rnd(len < PAGE_SIZE ? PAGE_SIZE - len + 1 : PAGE_SIZE);
	if (chance(10))
		return strs + rnd(PAGE_SIZE);
	if (chance(70))
		return scratch + (len < SCRATCH ? rnd(SCRATCH - len + 1) : rnd(SCRATCH));
	if (chance(30))
		return arena + rnd(ARENA);
	*bad = 1;
	return bad_ptr(0);
}

static const unsigned long counts[] = {
	0, 1, 8, 24, 100, 4095, 4096, 4097, 65536, 1UL << 20, 0x7ffff000UL, 0x7fffffffUL,
	0x80000000UL, 1UL << 32, ~0UL >> 1, ~0UL, ~0UL - 4095,
};

/* A byte count: often small, sometimes absurd. */
static unsigned long pick_count(void)
{
	return chance(50) ? rnd(8192) : PICK(counts);
}

static const long junk_longs[] = {
	-1, -2, 0x7fffffffL, -0x80000000L, 0x100000000L, 0x7fffffffffffffffL,
	(long)0x8000000000000000UL, 255, 256, 1000000,
};

/* ---- the arena and what the worker knows about it -------------------------------- */

/* Per page: how it is mapped (from /proc/self/maps), what its stamp words hold, and
 * whether a child gets it. A stamp is three words (offsets 0, a middle one, 4088)
 * that depend on the page, its generation and the worker's seed. */
enum { M_MAPPED = 1, M_R = 2, M_W = 4, M_X = 8, M_SHARED = 16, M_FILE = 32 };
enum { C_UNKNOWN, C_ZERO, C_STAMP, C_ZERO_OR_STAMP };
enum { F_DONTFORK = 1, F_WIPE = 2, F_UNCERTAIN = 4, F_POISON = 8 };

static unsigned char pmap[ARENA_PAGES], pcont[ARENA_PAGES], pflag[ARENA_PAGES];
static unsigned int pgen[ARENA_PAGES];
static unsigned long plast[ARENA_PAGES];	/* call that last set the page's content state */
static unsigned char pm_before[ARENA_PAGES], pm_pred[ARENA_PAGES], pm_truth[ARENA_PAGES];
static uint64_t stamp_salt;

/* 1 if a lies in the worker's arena. */
static int in_arena(unsigned long a)
{
	return a >= arena && a < arena + ARENA;
}

/* The arena page that holds a (a must be in the arena). */
static unsigned long page_index(unsigned long a)
{
	return (a - arena) / PAGE_SIZE;
}

/* What arena page i's stamp words now hold, and which call made it so. */
static void set_content(unsigned long i, int c)
{
	pcont[i] = c;
	plast[i] = st->calls;
}

/* The kernel may write [p, p+len): the arena pages there hold unknown words now. */
static void arena_clobbered(unsigned long p, unsigned long len)
{
	if (!in_arena(p))
		return;
	unsigned long room = arena + ARENA - p, last;
	last = len == 0 ? p : len > room ? arena + ARENA - 1 : p + len - 1;
	for (unsigned long i = page_index(p); i <= page_index(last); i++)
		set_content(i, C_UNKNOWN);
}

/* The pages of [a, a+len) that lie in the arena: *first and *end (exclusive). Returns
 * 0 when there are none. len is rounded up to pages, as the kernel does. */
static int arena_pages_of(unsigned long a, unsigned long len, unsigned long *first, unsigned long *end)
{
	unsigned long lo = a & ~(PAGE_SIZE - 1), hi;

	if (len > ~0UL - a - PAGE_SIZE)
		return 0;
	hi = (a + len + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	if (hi <= arena || lo >= arena + ARENA)
		return 0;
	*first = lo < arena ? 0 : page_index(lo);
	*end = hi > arena + ARENA ? ARENA_PAGES : page_index(hi);
	return *first < *end;
}

/* The stamp of page i at generation gen: never 0. */
static unsigned long stamp(unsigned long i, unsigned int gen)
{
	return splitmix(stamp_salt ^ (i << 24) ^ gen) | 1;
}

/* Where the middle stamp word sits: it moves with the generation. */
static unsigned long mid_offset(unsigned long i, unsigned int gen)
{
	return 8 * (1 + (i * 7 + gen) % 510);
}

/* The worker may access page i: anonymous, mapped, not poisoned. */
static int touchable(unsigned long i)
{
	return (pmap[i] & M_MAPPED) && !(pmap[i] & M_FILE) && !(pflag[i] & F_POISON);
}

/* ... and read it: PROT_READ, or PROT_WRITE (which implies read on x86). */
static int readable(unsigned long i)
{
	return touchable(i) && (pmap[i] & (M_R | M_W));
}

/* ... and write it. */
static int writable(unsigned long i)
{
	return touchable(i) && (pmap[i] & M_W);
}

/* Writes the next generation's stamp into page i (which must be writable). */
static void write_stamp(unsigned long i)
{
	volatile unsigned long *w = (volatile unsigned long *)(arena + i * PAGE_SIZE);
	unsigned int g = ++pgen[i];
	unsigned long s = stamp(i, g);

	w[0] = s;
	w[mid_offset(i, g) / 8] = s;
	w[4088 / 8] = s;
	set_content(i, C_STAMP);
}

static const char *const content_names[] = { "unknown", "zero", "stamp", "zero or stamp" };

/* Checks the page's three words against what the worker last did to it. */
static int verify_page(unsigned long i)
{
	volatile unsigned long *w = (volatile unsigned long *)(arena + i * PAGE_SIZE);
	unsigned long offs[3] = { 0, mid_offset(i, pgen[i]), 4088 };
	unsigned long s = stamp(i, pgen[i]);

	if (!readable(i) || pcont[i] == C_UNKNOWN)
		return 0;
	for (int k = 0; k < 3; k++) {
		unsigned long saw = w[offs[k] / 8];
		int good = pcont[i] == C_ZERO ? saw == 0 : pcont[i] == C_STAMP ? saw == s : saw == 0 || saw == s;
		st->words_checked++;
		if (!good) {
			fail("data mismatch in arena page %lu (%#lx) at +%#lx: expected %s %#lx, saw %#lx "
			     "(state set by call #%lu)", i, arena + i * PAGE_SIZE + offs[k], offs[k],
			     content_names[pcont[i]], pcont[i] == C_ZERO ? 0UL : s, saw, plast[i]);
			set_content(i, C_UNKNOWN);
			return 1;
		}
	}
	return 0;
}

/* Reads a hexadecimal number at *p and moves *p past it. */
static unsigned long parse_hex(const char **p)
{
	unsigned long v = 0;

	for (;; (*p)++) {
		char c = **p;
		if (c >= '0' && c <= '9')
			v = v * 16 + c - '0';
		else if (c >= 'a' && c <= 'f')
			v = v * 16 + c - 'a' + 10;
		else
			return v;
	}
}

/* One /proc/self/maps line: marks the arena pages it covers in out[]. */
static void maps_line(const char *p, unsigned char *out)
{
	unsigned long start = parse_hex(&p), end, inode = 0, first, stop;
	unsigned char m = M_MAPPED;

	if (*p++ != '-')
		return;
	end = parse_hex(&p);
	if (*p++ != ' ' || !p[0] || !p[1] || !p[2] || !p[3])
		return;
	m |= (p[0] == 'r' ? M_R : 0) | (p[1] == 'w' ? M_W : 0) | (p[2] == 'x' ? M_X : 0) |
	     (p[3] == 's' ? M_SHARED : 0);
	p += 4;
	for (int field = 0; field < 3 && *p; field++) {	/* offset, device, inode */
		while (*p == ' ')
			p++;
		if (field == 2)
			for (; *p >= '0' && *p <= '9'; p++)
				inode = inode * 10 + *p - '0';
		else
			while (*p && *p != ' ')
				p++;
	}
	while (*p == ' ')
		p++;
	/* anonymous memory: no inode, or Linux's /dev/zero object for shared anonymous memory */
	if (inode && strncmp(p, "/dev/zero", 9))
		m |= M_FILE;
	if (end <= start || !arena_pages_of(start, end - start, &first, &stop))
		return;
	for (unsigned long i = first; i < stop; i++)
		out[i] = m;
}

/* Reads /proc/self/maps into out[] (the arena's pages). Returns 0, or -1 when it
 * cannot be read (out[] then says "unmapped": the worker will not touch the arena). */
static int read_maps(unsigned char *out)
{
	static char buf[65536 + 1];
	static const char path[] = "/proc/self/maps";
	size_t have = 0;
	long fd, n;
	int ret = 0;

	memset(out, 0, ARENA_PAGES);
	fd = SC(SYS_open, U(path), O_RDONLY);
	if (fd < 0)
		return -1;
	for (;;) {
		n = SC(SYS_read, fd, U(buf + have), sizeof(buf) - 1 - have);
		if (n < 0) {
			ret = -1;
			break;
		}
		if (n == 0)
			break;
		have += n;
		char *line = buf, *nl;
		while ((nl = memchr(line, '\n', buf + have - line))) {
			*nl = 0;
			maps_line(line, out);
			line = nl + 1;
		}
		memmove(buf, line, buf + have - line);
		have = buf + have - line;
		if (have == sizeof(buf) - 1)
			have = 0;	/* a line longer than the buffer: not ours */
	}
	if (have && ret == 0) {
		buf[have] = 0;
		maps_line(buf, out);
	}
	SC(SYS_close, fd);
	if (ret)
		memset(out, 0, ARENA_PAGES);
	return ret;
}

/* "rw-p", "r--s file" or "unmapped" for a page's mapping bits (buf: 16 bytes). */
static char *map_text(unsigned char m, char *buf)
{
	if (!(m & M_MAPPED))
		return strcpy(buf, "unmapped");
	snprintf(buf, 16, "%c%c%c%c%s", m & M_R ? 'r' : '-', m & M_W ? 'w' : '-', m & M_X ? 'x' : '-',
		 m & M_SHARED ? 's' : 'p', m & M_FILE ? " file" : "");
	return buf;
}

/* Before a memory call: remember the arena's mapping. */
static void mm_begin(void)
{
	memcpy(pm_before, pmap, ARENA_PAGES);
	memcpy(pm_pred, pmap, ARENA_PAGES);
}

/* After a memory call: read the truth from /proc/self/maps. When the call succeeded and
 * its effect is predictable (predicted: pm_pred holds it), every page must match; pages
 * [fresh, fresh_end) were freshly mapped (zero) if the prediction held. Pages whose
 * mapping changed otherwise lose their known content. */
static void mm_end(int predicted, const char *what, unsigned long fresh, unsigned long fresh_end)
{
	int bad = read_maps(pm_truth) != 0, reported = 0;
	char a[16], b[16];

	for (unsigned long i = 0; i < ARENA_PAGES && !bad && predicted; i++)
		if (pm_pred[i] != pm_truth[i]) {
			unsigned long j = i;
			while (j + 1 < ARENA_PAGES && pm_pred[j + 1] != pm_truth[j + 1])
				j++;
			if (!reported++)
				fail("after %s, arena pages %lu-%lu (%#lx): expected %s, /proc/self/maps says %s",
				     what, i, j, arena + i * PAGE_SIZE, map_text(pm_pred[i], a),
				     map_text(pm_truth[i], b));
			i = j;
		}
	for (unsigned long i = 0; i < ARENA_PAGES; i++) {
		if (predicted && !reported && i >= fresh && i < fresh_end) {
			set_content(i, C_ZERO);
			pflag[i] = 0;
			continue;
		}
		if ((pm_truth[i] & ~(M_R | M_W | M_X)) != (pm_before[i] & ~(M_R | M_W | M_X)) ||
		    (predicted && reported && pm_pred[i] != pm_truth[i])) {
			set_content(i, C_UNKNOWN);
			pflag[i] = pm_truth[i] ? F_UNCERTAIN | (pflag[i] & F_POISON) : 0;
		}
	}
	memcpy(pmap, pm_truth, ARENA_PAGES);
}

/* An address in the arena: on 2 MiB boundaries, just off them, page-aligned or not. */
static unsigned long arena_addr(void)
{
	unsigned long huge = arena + rnd(ARENA / HPAGE_SIZE) * HPAGE_SIZE;

	switch (rnd(8)) {
	case 0: return arena + rnd(ARENA);
	case 1: case 2: return huge;
	case 3: return huge + (1 + rnd(4)) * PAGE_SIZE;
	case 4: return huge > arena ? huge - (1 + rnd(4)) * PAGE_SIZE : huge;
	default: return arena + rnd(ARENA_PAGES) * PAGE_SIZE;
	}
}

/* A length from addr that stays inside the arena. */
static unsigned long arena_len(unsigned long addr)
{
	unsigned long room = arena + ARENA - addr, len;

	switch (rnd(10)) {
	case 0: len = 0; break;
	case 1: len = 1 + rnd(3 * PAGE_SIZE); break;
	case 2: case 3: len = HPAGE_SIZE * (1 + rnd(3)); break;
	case 4: len = HPAGE_SIZE + (chance(50) ? PAGE_SIZE : -PAGE_SIZE); break;
	case 5: len = room; break;
	default: len = (1 + rnd(64)) * PAGE_SIZE; break;
	}
	return len > room ? room : len;
}

/* A range the kernel must refuse, or find empty, that cannot reach the worker's own
 * memory: low addresses with short lengths, the non-canonical hole and the kernel half
 * with any length, or an arena address whose length wraps around the address space. */
static void hostile_range(unsigned long *addr, unsigned long *len)
{
	static const unsigned long low[] = { 0, 1, 0xfff, 0x1000, 0x10000, 0x200000 };
	static const unsigned long high[] = {
		0x0000800000000000UL, 0xffff800000000000UL, 0xffff888000000000UL,
		0xffffffff80000000UL, 0xfffffffffffff000UL, 0x8000000000000000UL,
	};

	switch (rnd(3)) {
	case 0:
		*addr = PICK(low);
		*len = rnd(64 * KB);
		break;
	case 1:
		*addr = PICK(high);
		*len = chance(50) ? PICK(counts) : rnd(1UL << 40);
		break;
	default:
		*addr = arena_addr();
		*len = chance(50) ? PICK(counts) | (1UL << 63) : -*addr + rnd(4) * PAGE_SIZE;
		if (*addr + *len >= *addr)
			*len = ~0UL - rnd(PAGE_SIZE);
		break;
	}
}

/* A range for a memory call: mostly in the arena, sometimes hostile. */
static void pick_range(unsigned long *addr, unsigned long *len)
{
	if (chance(85)) {
		*addr = arena_addr();
		*len = arena_len(*addr);
	} else {
		hostile_range(addr, len);
	}
}

/* ---- descriptors ------------------------------------------------------------------ */

enum { FD_CLOSED, FD_OTHER, FD_SCRATCH_DIR, FD_PIPE_R, FD_PIPE_W };

struct pipe_model {
	int readers, writers;	/* ends open in the worker */
	unsigned long wseq, rseq;	/* bytes written and read */
	int known;		/* every byte in it came from pipe_byte() */
	unsigned char salt;
};

static unsigned char fd_kind[NFDS], fd_pipe[NFDS];
static int nopen;
static struct pipe_model pipes[MAX_PIPES];

/* The byte at position pos of a pipe's numbered stream. */
static unsigned char pipe_byte(const struct pipe_model *p, unsigned long pos)
{
	return (unsigned char)(pos * 131 + (pos >> 8) * 7 + p->salt);
}

/* Descriptor arguments are 32-bit for the kernel: 1 << 40 is descriptor 0. */
static int fd_is_closed(long fd64)
{
	int fd = (int)fd64;

	if (fd < 0 || fd >= NFDS)
		return fd != TRACE_FD || !verbose;
	return fd_kind[fd] == FD_CLOSED;
}

/* The model's kind of the descriptor the kernel will see. */
static int kind_of(long fd64)
{
	int fd = (int)fd64;

	return fd < 0 || fd >= NFDS ? FD_CLOSED : fd_kind[fd];
}

/* The model forgets descriptor fd (closed, or replaced by dup2). */
static void fd_drop(int fd)
{
	if (fd < 0 || fd >= NFDS || fd_kind[fd] == FD_CLOSED)
		return;
	struct pipe_model *p = &pipes[fd_pipe[fd]];
	if (fd_kind[fd] == FD_PIPE_R)
		p->readers--;
	if (fd_kind[fd] == FD_PIPE_W)
		p->writers--;
	fd_kind[fd] = FD_CLOSED;
	nopen--;
}

/* The model learns that fd is open, of kind (and pipe slot, for pipe ends). */
static void fd_track(int fd, int kind, int pipe)
{
	if (fd < 0 || fd >= NFDS)
		return;
	fd_drop(fd);
	fd_kind[fd] = kind;
	fd_pipe[fd] = pipe;
	if (kind == FD_PIPE_R)
		pipes[pipe].readers++;
	if (kind == FD_PIPE_W)
		pipes[pipe].writers++;
	nopen++;
}

/* The lowest descriptor >= from that the model says is free. */
static int lowest_free(int from)
{
	for (int fd = from < 0 ? 0 : from; fd < NFDS; fd++)
		if (fd_kind[fd] == FD_CLOSED)
			return fd;
	return NFDS;
}

/* A call returned a new descriptor: Linux always hands out the lowest free one. */
static void fd_opened(long ret, int expect, int kind, int pipe, const char *what)
{
	if (ret < 0)
		return;
	if (ret != expect)
		fail("%s returned descriptor %ld, but the lowest free one is %d", what, ret, expect);
	fd_track((int)ret, kind, pipe);
}

/* A call on a descriptor the worker knows is closed must answer EBADF. */
static void check_badf(long fd, long ret, const char *what)
{
	if (fd_is_closed(fd) && ret != -EBADF)
		fail("%s on closed descriptor %ld: expected -9 EBADF, saw %ld %s", what, fd, ret, errno_text(ret));
}

/* A descriptor: mostly an open one, sometimes any small number, sometimes junk. */
static long pick_fd(void)
{
	static const long junk[] = { -1, -2, 1L << 30, 0x7fffffff, -0x80000000L, 1L << 40 };
	unsigned long r = rnd(100);

	if (r < 70 && nopen) {
		for (int tries = 0; tries < 64; tries++) {
			int fd = rnd(NFDS);
			if (fd_kind[fd] != FD_CLOSED)
				return fd;
		}
	}
	if (r < 90)
		return rnd(64);
	return PICK(junk);
}

/* ---- paths ---------------------------------------------------------------------- */

enum { P_BAD, P_ODD, P_RO, P_SCRATCH, P_SCRATCH_DIR, P_DEV_RW };

struct path_ref {
	unsigned long addr;
	int kind;
};

static const char *const ro_names[] = {
	"/", "/proc", "/proc/self", "/proc/self/maps", "/proc/self/smaps", "/proc/self/status",
	"/proc/self/stat", "/proc/self/pagemap", "/proc/meminfo", "/proc/vmstat", "/proc/buddyinfo",
	"/proc/zoneinfo", "/proc/uptime", "/proc/mounts", "/proc/filesystems", "/proc/1/status",
	"/proc/sys/vm/min_free_kbytes", "/sys/kernel/mm/transparent_hugepage/enabled",
	"/sys/kernel/mm/transparent_hugepage/khugepaged/full_scans",
	"/sys/kernel/mm/transparent_hugepage/khugepaged/scan_results",
	"/sys/kernel/debug/thp/check", "/dev/urandom", "/bin", "/bin/true", "/tmp", "/etc", ".",
	"..", "proc", "self", "maps", "/nonexistent", "/bin/true/x", "/proc/self/maps/x", "",
	"/proc/999999/maps", "//proc///self//maps", "/proc/../proc/./meminfo", "/sys",
};
static const char *const dev_rw_names[] = { "/dev/null", "/dev/zero" };
static const char *const scratch_names[] = {
	"f0", "f1", "f2", "f3", "d0", "d1", "d0/f0", "d0/d0", "nope/f0", ".", "..",
};

static struct path_ref ro_paths[ARRAY_SIZE(ro_names) + ARRAY_SIZE(dev_rw_names)];
static struct path_ref scratch_paths[ARRAY_SIZE(scratch_names) + 1];
static unsigned long scratch_rel[ARRAY_SIZE(scratch_names)];
static unsigned long scratch_dir, long_path, dyn_path;
static size_t str_used;

/* Copies s into the strings pages; returns its address there. */
static unsigned long put_str(const char *s)
{
	unsigned long a = strs + str_used;

	strcpy((char *)a, s);
	str_used += strlen(s) + 1;
	return a;
}

/* Worker w's scratch directory, the only place it creates or removes files. */
static void scratch_dir_name(char *buf, size_t size, int w)
{
	snprintf(buf, size, "/tmp/fuzz-%d-%d", (int)master_pid, w);
}

/* Lays the path strings out in their pages (the kernel only reads them). */
static void setup_paths(void)
{
	char buf[128];
	size_t n = 0;

	for (size_t i = 0; i < ARRAY_SIZE(ro_names); i++)
		ro_paths[n++] = (struct path_ref){ put_str(ro_names[i]), P_RO };
	for (size_t i = 0; i < ARRAY_SIZE(dev_rw_names); i++)
		ro_paths[n++] = (struct path_ref){ put_str(dev_rw_names[i]), P_DEV_RW };
	scratch_dir_name(buf, sizeof(buf), wid);
	scratch_dir = put_str(buf);
	scratch_paths[0] = (struct path_ref){ scratch_dir, P_SCRATCH_DIR };
	for (size_t i = 0; i < ARRAY_SIZE(scratch_names); i++) {
		snprintf(buf, sizeof(buf), "/tmp/fuzz-%d-%d/%s", (int)master_pid, wid, scratch_names[i]);
		scratch_paths[i + 1] = (struct path_ref){ put_str(buf), P_SCRATCH };
		scratch_rel[i] = put_str(scratch_names[i]);
	}
	dyn_path = strs + str_used;
	str_used += 64;
	/* a path longer than PATH_MAX, with a component longer than NAME_MAX */
	long_path = strs + 2 * PAGE_SIZE;
	char *lp = (char *)long_path;
	memcpy(lp, "/tmp/", 5);
	memset(lp + 5, 'a', 4200);
	lp[4205] = 0;
	/* ro_page: 'a's without a NUL up to the PROT_NONE page after it */
}

/* A path: a bad pointer, one the kernel cannot finish reading or that is too long, a
 * read-only system path, or (always when scratch_only) one in the worker's scratch
 * directory, where it may create and remove files. */
static struct path_ref pick_path(int scratch_only)
{
	unsigned long r = rnd(100);

	if (r < 8)
		return (struct path_ref){ bad_ptr(0), P_BAD };
	if (r < 11)
		return (struct path_ref){ ro_page + PAGE_SIZE - 1 - rnd(64), P_ODD };
	if (r < 13)
		return (struct path_ref){ long_path + rnd(2) * 3, P_ODD };
	if (scratch_only || r < 45)
		return PICK(scratch_paths);
	return PICK(ro_paths);
}

/* ---- children ------------------------------------------------------------------ */

enum { X_EXIT, X_SIGNAL, X_ANY_EXIT, X_ANY_SIGNAL, X_ANY };

struct child {
	pid_t pid;
	int expect, value;	/* X_EXIT code / X_SIGNAL number */
	int must_kill;		/* blocks forever: killed before any blocking wait */
	int clone_child;	/* exit signal not SIGCHLD: needs __WALL */
	const char *what;
	unsigned long born;	/* call number */
};

static struct child kids[MAX_CHILDREN];
static int nkids;
/* clone children the worker must never see in wait4: CLONE_PARENT makes them its
 * parent's, CLONE_THREAD its threads */
static struct { pid_t pid; unsigned long flags; } not_ours[8];
static int not_ours_next;
static unsigned long sig_touched;	/* signals whose action the worker changed */

/* Remembers a child and how it must end. */
static void add_kid(pid_t pid, int expect, int value, int must_kill, int clone_child, const char *what)
{
	if (nkids == MAX_CHILDREN)
		return;
	kids[nkids++] = (struct child){ pid, expect, value, must_kill, clone_child, what, st->calls };
	st->children++;
}

/* The index of child pid, or -1. */
static int find_kid(pid_t pid)
{
	for (int i = 0; i < nkids; i++)
		if (kids[i].pid == pid)
			return i;
	return -1;
}

/* Forgets child i (ended and checked, or reaped unseen). */
static void remove_kid(int i)
{
	kids[i] = kids[--nkids];
}

/* A child ended with status: was it the end it was made for? */
static void kid_ended(int i, int status, int status_known)
{
	struct child *k = &kids[i];
	int ok = 1;

	if (status_known) {
		switch (k->expect) {
		case X_EXIT: ok = WIFEXITED(status) && WEXITSTATUS(status) == k->value; break;
		case X_SIGNAL: ok = WIFSIGNALED(status) && WTERMSIG(status) == k->value; break;
		case X_ANY_EXIT: ok = WIFEXITED(status); break;
		case X_ANY_SIGNAL: ok = WIFSIGNALED(status); break;
		default: ok = WIFEXITED(status) || WIFSIGNALED(status); break;
		}
		if (WIFEXITED(status) && WEXITSTATUS(status) == 3 && shared_st->child_msg[0]) {
			fail("child %d (%s, forked at call #%lu) found: %s", k->pid, k->what, k->born,
			     shared_st->child_msg);
			shared_st->child_msg[0] = 0;
		} else if (!ok) {
			char want[48];
			if (k->expect == X_EXIT)
				snprintf(want, sizeof(want), "exited %d", k->value);
			else if (k->expect == X_SIGNAL)
				snprintf(want, sizeof(want), "killed by signal %d", k->value);
			else
				snprintf(want, sizeof(want), "%s", k->expect == X_ANY_EXIT ? "an exit" : "a signal");
			fail("child %d (%s, forked at call #%lu): expected %s, saw %s", k->pid, k->what,
			     k->born, want, status_text(status));
		}
	}
	remove_kid(i);
}

/* SIGKILL to every child that would block forever: before any blocking wait. */
static void kill_blocked_kids(void)
{
	for (int i = 0; i < nkids; i++)
		if (kids[i].must_kill) {
			long r = SC(SYS_kill, kids[i].pid, SIGKILL);
			expect_ret(r, 0, "kill(SIGKILL) of a blocked child");
			kids[i].must_kill = 0;
			if (kids[i].expect != X_ANY) {
				kids[i].expect = X_SIGNAL;
				kids[i].value = SIGKILL;
			}
		}
}

/* A wait4 that failed with EFAULT may have reaped a child first (Linux does): drop
 * the children that are gone (kill with signal 0 finds even a zombie). */
static void forget_reaped_kids(void)
{
	for (int i = 0; i < nkids; i++)
		if (raw6(SYS_kill, kids[i].pid, 0, 0, 0, 0, 0) == -ESRCH)
			remove_kid(i--);
}

/* wait4 for pid (-1: any) with options; blocking unless WNOHANG. Updates the model. */
static long do_wait(long pid, unsigned long options, int good_status_ptr)
{
	int bad;
	unsigned long sp = good_status_ptr ? scratch : ptr_out(sizeof(int), &bad);
	unsigned long ru = chance(70) ? 0 : ptr_out(144, &bad);

	if (!(options & WNOHANG))
		kill_blocked_kids();
	if (sp == scratch)
		*(int *)scratch = -1;
	long r = SC(SYS_wait4, pid, sp, options, ru);
	if (r > 0) {
		int i = find_kid((pid_t)r);
		if (i < 0) {
			unsigned long flags = 0;
			for (int k = 0; k < 8; k++)
				if (not_ours[k].pid == r)
					flags = not_ours[k].flags;
			if (flags)
				fail("wait4 returned %ld, made by clone(%#lx): with CLONE_PARENT it is the child of "
				     "the worker's parent (Linux), not of the worker", r, flags);
			else
				fail("wait4 returned %ld, which is not a child the worker is waiting for", r);
			return r;
		}
		kid_ended(i, sp == scratch ? *(int *)scratch : 0, sp == scratch);
	} else if (r == -EFAULT) {
		forget_reaped_kids();
	} else if (r == -ECHILD && (int)pid > 0) {
		int i = find_kid((pid_t)pid);
		/* __WCLONE waits only for clone children; without __WALL, only for the others */
		int eligible = (options & 0x40000000UL) ||
			       (i >= 0 && !!(options & 0x80000000UL) == kids[i].clone_child);
		if (i >= 0 && eligible) {
			fail("wait4(%ld): ECHILD for a child (%s) that has not been waited for", pid, kids[i].what);
			remove_kid(i);
		}
	}
	return r;
}

/* Waits until every child has ended, checking how. */
static void reap_all(void)
{
	kill_blocked_kids();
	for (int tries = 0; nkids && tries < 1000; tries++) {
		long r = do_wait(-1, 0x40000000UL /* __WALL */, 1);
		if (r == -EINVAL)
			r = do_wait(-1, 0, 1);
		if (r == -ECHILD) {
			fail("wait4(-1): ECHILD with %d children not waited for (first: pid %d, %s)",
			     nkids, kids[0].pid, kids[0].what);
			nkids = 0;
		}
	}
}

/* ---- calls that make children ------------------------------------------------ */

/* fork/vfork/clone through one instruction sequence: the child exits at once with
 * code (exit, not exit_group: a CLONE_THREAD child must not take the worker along)
 * without touching memory, so it may share the worker's memory and stack. */
static long clone_and_exit(long nr, unsigned long flags, unsigned long newsp, unsigned long ptid,
			   unsigned long ctid, unsigned long tls, long code)
{
	const unsigned long a[6] = { flags, newsp, ptid, ctid, tls, 0 };
	struct call_rec *r = call_begin(nr, nr == SYS_clone ? a : (const unsigned long[6]){ 0 });
	register unsigned long r10 __asm__("r10") = ctid, r8 __asm__("r8") = tls;
	register long r9 __asm__("r9") = code;
	long ret;

	__asm__ volatile("syscall\n\t"
			 "test %%rax, %%rax\n\t"
			 "jnz 1f\n\t"
			 "mov %%r9, %%rdi\n\t"
			 "mov $60, %%eax\n\t"
			 "syscall\n\t"
			 "ud2\n"
			 "1:"
			 : "=a"(ret)
			 : "a"(nr), "D"(flags), "S"(newsp), "d"(ptid), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return call_end(r, ret);
}

/* vfork, or clone with random flags; the child exits at once with a known code. */
static void op_clone(void)
{
	static const unsigned long bits[] = {
		0x100 /* VM */, 0x200 /* FS */, 0x400 /* FILES */, 0x800 /* SIGHAND */,
		0x2000 /* PTRACE */, 0x4000 /* VFORK */, 0x8000 /* PARENT */, 0x10000 /* THREAD */,
		0x40000 /* SYSVSEM */, 0x80000 /* SETTLS */, 0x100000 /* PARENT_SETTID */,
		0x200000 /* CHILD_CLEARTID */, 0x800000 /* UNTRACED */, 0x1000000 /* CHILD_SETTID */,
		0x04000000 /* NEWUTS */, 0x80000000UL /* IO */,
	};
	/* signals to the worker when the child ends: only ones ignored by default (and
	 * never given a handler by the worker), or invalid */
	static const unsigned long exit_sigs[] = { SIGCHLD, SIGCHLD, SIGCHLD, 0, SIGURG, SIGWINCH, 65, 0xff };
	long code = rnd(256), ret;
	int bad;

	if (nkids >= MAX_CHILDREN)
		reap_all();
	if (chance(30)) {
		ret = clone_and_exit(SYS_vfork, 0, 0, 0, 0, 0, code);
		if (ret > 0)
			add_kid(ret, X_EXIT, code, 0, 0, "vfork");
		return;
	}
	unsigned long flags = PICK(exit_sigs);
	for (int i = rnd(4); i > 0; i--)
		flags |= PICK(bits);
	/* Random bits, but never CLONE_PIDFD (a descriptor the model cannot see) nor a
	 * new pid, user, mount, ipc, net or cgroup namespace: on Linux, a pid-namespace
	 * init sharing the worker's signal actions sets its SIGCHLD to SIG_IGN on exit */
	if (chance(5))
		flags = (rnd64() & ~0x7a0210ffUL) | PICK(exit_sigs);
	unsigned long newsp = chance(70) ? 0 : chance(50) ? scratch + SCRATCH : bad_ptr(0);
	unsigned long ptid = ptr_out(4, &bad), ctid = ptr_out(4, &bad);
	unsigned long tls = chance(50) ? scratch : rnd64();
	ret = clone_and_exit(SYS_clone, flags, newsp, ptid, ctid, tls, code);
	if (ret > 0 && !(flags & (0x8000 | 0x10000)))	/* CLONE_PARENT, CLONE_THREAD: not ours */
		add_kid(ret, X_EXIT, code, 0, (flags & 0xff) != SIGCHLD, "clone");
	else if (ret > 0) {
		not_ours[not_ours_next].pid = ret;
		not_ours[not_ours_next].flags = flags;
		not_ours_next = (not_ours_next + 1) % 8;
	}
}

/* ---- child kinds for op_fork --------------------------------------------------- */

enum {
	K_EXIT, K_EXIT_GROUP, K_SEGV, K_UD2, K_INT3, K_DIV0, K_PRIV, K_STACK, K_EXECVE,
	K_VERIFY, K_MMAP_EXIT, K_SIGRETURN, K_SELFKILL, K_PAUSE, K_SLEEP, K_PIPE_BLOCK,
	K_SETSID, K_FDS, K_THP_DISABLE, NKINDS
};

static const char *const kind_names[NKINDS] = {
	"exit", "exit_group", "bad access", "ud2", "int3", "divide by zero", "privileged instruction",
	"stack overflow", "execve", "verify and scribble", "mmap and exit", "bad rt_sigreturn",
	"kill itself", "pause", "long nanosleep", "read of an empty pipe", "setsid", "descriptor churn",
	"THP disabled",
};

/* Puts back default signal actions and an empty mask, so the child dies the way its
 * kind says whatever the worker did to its own signals. */
static void child_reset_signals(void)
{
	unsigned long act[4] = { 0 /* SIG_DFL */, 0, 0, 0 }, empty = 0;

	for (int sig = 1; sig < 64; sig++)
		if (sig_touched & (1UL << sig))
			raw6(SYS_rt_sigaction, sig, U(act), 0, 8, 0, 0);
	raw6(SYS_rt_sigaction, SIGPIPE, U(act), 0, 8, 0, 0);
	raw6(SYS_rt_sigprocmask, SIG_SETMASK, U(&empty), 0, 8, 0, 0);
	if (!thpk)
		raw6(SYS_prctl, PR_SET_DUMPABLE, 0, 0, 0, 0, 0);	/* no core files on Linux */
}

/* Recursion until the stack limit: SIGSEGV. */
static __attribute__((noinline)) int recurse(int depth)
{
	volatile char pad[4000];

	pad[0] = (char)depth;
	pad[3999] = (char)depth;
	if (depth < 0)
		return 0;
	return recurse(depth + 1) + pad[depth & 1023];
}

/* The child's copy of the arena: every stamp the parent had at fork must be there
 * (zero in MADV_WIPEONFORK pages), then the child writes its own on private pages. */
static int child_verify_and_scribble(void)
{
	int bad = 0;

	for (unsigned long i = 0; i < ARENA_PAGES && bad < 3; i++) {
		if (pmap[i] & M_SHARED || pflag[i] & (F_DONTFORK | F_UNCERTAIN))
			continue;
		if (pflag[i] & F_WIPE)
			set_content(i, C_ZERO);
		bad += verify_page(i);
	}
	stamp_salt ^= 0x5eed;
	for (int n = 0; n < 64 && !bad; n++) {
		unsigned long i = rnd(ARENA_PAGES);
		if (!writable(i) || pmap[i] & M_SHARED || pflag[i] & (F_DONTFORK | F_UNCERTAIN))
			continue;
		write_stamp(i);
		bad += verify_page(i);
	}
	return bad ? 3 : 0;
}

/* rt_sigreturn with the signal frame at sp - 8 (whatever is there). */
static void bad_sigreturn(unsigned long sp)
{
	__asm__ volatile("mov %0, %%rsp\n\t"
			 "mov $15, %%eax\n\t"
			 "syscall\n\t"
			 "ud2" : : "r"(sp) : "memory");
	__builtin_unreachable();
}

/* Maps, faults (THP) and leaves 4 MiB for exit to tear down. */
static void child_mmap_exit(int thp_disabled)
{
	size_t len = 4 * MB;
	char *p = mmap(NULL, len + HPAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (thp_disabled)
		prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0);
	if (p == MAP_FAILED)
		_exit(0);
	p = (char *)(((unsigned long)p + HPAGE_SIZE - 1) & ~(HPAGE_SIZE - 1));
	madvise(p, len, MADV_HUGEPAGE);
	touch_pages(p, len);
	if (chance(50))
		madvise(p + PAGE_SIZE, PAGE_SIZE * 3, MADV_DONTNEED);
	_exit(0);	/* everything is left mapped for exit to tear down */
}

/* What the forked child does. Never returns. */
static __attribute__((noreturn)) void child_main(int kind, int code, int sig, unsigned long wild_addr)
{
	in_child = 1;
	st = &child_st;
	child_reset_signals();
	/* A child that lives on would keep the worker's pipe ends open under it */
	if (kind != K_FDS)
		for (int fd = 3; fd < NFDS; fd++)
			raw6(SYS_close, fd, 0, 0, 0, 0, 0);
	switch (kind) {
	case K_EXIT:
		_exit(code);
	case K_EXIT_GROUP:
		raw6(SYS_exit_group, code, 0, 0, 0, 0, 0);
		break;
	case K_SEGV:
		*(volatile char *)wild_addr = 1;
		break;
	case K_UD2:
		__asm__ volatile("ud2");
		break;
	case K_INT3:
		__asm__ volatile("int3");
		break;
	case K_DIV0:
		__asm__ volatile("xor %%ecx, %%ecx\n\tmov $1, %%eax\n\tcltd\n\tidivl %%ecx" ::: "eax", "ecx", "edx");
		break;
	case K_PRIV:
		switch (code % 4) {
		case 0: __asm__ volatile("hlt"); break;
		case 1: __asm__ volatile("cli"); break;
		case 2: __asm__ volatile("inb $0x80, %%al" ::: "eax"); break;
		default: __asm__ volatile("mov %%cr3, %%rax" ::: "eax"); break;
		}
		break;
	case K_STACK: {
		struct rlimit rl = { 8 * MB, 8 * MB };
		setrlimit(RLIMIT_STACK, &rl);
		recurse(0);
		break;
	}
	case K_EXECVE: {
		/* code: bit 0 /bin/false, bits 1-2 argv, bits 3-4 envp */
		static char *const good[] = { "true", "x", NULL };
		char *const bad_list[] = { "true", (char *)wild_addr, NULL };
		unsigned long vecs[4] = { U(good), 0, wild_addr, U(bad_list) };
		long r = raw6(SYS_execve, U(code & 1 ? "/bin/false" : "/bin/true"), vecs[(code >> 1) & 3],
			      vecs[(code >> 3) & 3], 0, 0, 0);
		_exit(100 + (int)(-r & 0x7f));
	}
	case K_VERIFY:
		_exit(child_verify_and_scribble());
	case K_MMAP_EXIT:
		child_mmap_exit(0);
		break;
	case K_THP_DISABLE:
		child_mmap_exit(1);
		break;
	case K_SIGRETURN:
		/* a signal frame of zeros (or garbage) in the child's copy of scratch */
		for (unsigned long i = 0; i < 8192; i += 8)
			*(unsigned long *)(scratch + i) = code & 1 ? rnd64() : 0;
		bad_sigreturn(scratch + 4096);
		break;
	case K_SELFKILL:
		raw6(SYS_kill, raw6(SYS_getpid, 0, 0, 0, 0, 0, 0), sig, 0, 0, 0, 0);
		break;
	case K_PAUSE:
		for (;;)
			raw6(SYS_pause, 0, 0, 0, 0, 0, 0);
	case K_SLEEP: {
		struct timespec ts = { 100000, 0 };
		for (;;)
			raw6(SYS_nanosleep, U(&ts), 0, 0, 0, 0, 0);
	}
	case K_PIPE_BLOCK: {
		int fds[2];
		char c;
		if (raw6(SYS_pipe, U(fds), 0, 0, 0, 0, 0) == 0)
			for (;;)
				raw6(SYS_read, fds[0], U(&c), 1, 0, 0, 0);
		for (;;)
			raw6(SYS_pause, 0, 0, 0, 0, 0, 0);
	}
	case K_SETSID:
		raw6(SYS_setsid, 0, 0, 0, 0, 0, 0);
		raw6(SYS_setpgid, 0, 0, 0, 0, 0, 0);
		_exit(0);
	case K_FDS:
		for (int i = 0; i < 32; i++) {
			if (chance(50))
				raw6(SYS_close, rnd(64), 0, 0, 0, 0, 0);
			else
				raw6(SYS_dup2, rnd(64), rnd(64), 0, 0, 0, 0);
		}
		_exit(0);
	}
	_exit(99);	/* a crash on purpose that did not crash */
}

/* Forks a child of a random kind (child_main) and remembers how it must end. */
static void op_fork(void)
{
	static const int sigs[] = { SIGKILL, SIGTERM, SIGUSR1, SIGUSR2, SIGHUP, SIGALRM };
	static const unsigned long segv_addrs[] = {
		0, 8, 0xffff888000000000UL, 0xffffffff80000000UL, 0x0000800000000000UL,
	};
	int kind = rnd(NKINDS), code = rnd(256), sig = PICK(sigs), expect = X_EXIT, value = 0;
	int must_kill = 0;
	unsigned long wild_addr = chance(70) ? PICK(segv_addrs) : chance(50) ? ro_page : none_page;

	if (nkids >= MAX_CHILDREN)
		reap_all();
	switch (kind) {
	case K_EXIT: case K_EXIT_GROUP: value = code; break;
	case K_SEGV: expect = X_SIGNAL; value = SIGSEGV; break;
	case K_UD2: expect = X_SIGNAL; value = SIGILL; break;
	case K_INT3: expect = X_SIGNAL; value = SIGTRAP; break;
	case K_DIV0: expect = X_SIGNAL; value = SIGFPE; break;
	case K_PRIV: case K_STACK: expect = X_SIGNAL; value = SIGSEGV; break;
	case K_EXECVE:
		if (((code >> 1) & 3) == 0 && ((code >> 3) & 3) == 0)
			value = code & 1;	/* both vectors good: true or false runs */
		else
			expect = X_ANY_EXIT;
		if (chance(50))
			wild_addr = PICK(segv_addrs);
		break;
	case K_SIGRETURN: expect = X_ANY_SIGNAL; break;
	case K_SELFKILL: expect = X_SIGNAL; value = sig; break;
	case K_PAUSE: case K_SLEEP: case K_PIPE_BLOCK:
		expect = X_SIGNAL; value = SIGKILL; must_kill = 1; break;
	default: break;
	}
	struct call_rec *r = call_begin(SYS_fork, (const unsigned long[6]){ 0 });
	long pid = raw6(SYS_fork, 0, 0, 0, 0, 0, 0);
	if (pid == 0)
		child_main(kind, code, sig, wild_addr);
	call_end(r, pid);
	if (pid > 0)
		add_kid(pid, expect, value, must_kill, 0, kind_names[kind]);
}

/* wait4 for one child, any, or a junk pid, with random options and pointers. */
static void op_wait(void)
{
	static const unsigned long opts[] = {
		0, 1 /* WNOHANG */, 1, 1, 0x40000000UL /* __WALL */, 0x40000001UL, 0x80000001UL /* __WCLONE */,
		2 /* WUNTRACED */, 8 /* WCONTINUED */, 0x1000000 /* WNOWAIT: waitid only */, 0xf0,
	};
	unsigned long o = PICK(opts);
	long pid;

	if (nkids && chance(70))
		pid = kids[rnd(nkids)].pid;
	else
		pid = chance(50) ? -1 : PICK(junk_longs);
	if (pid > 0 && find_kid((pid_t)pid) < 0)
		o |= 1;	/* a pid not ours may be another process's: never block on it */
	long r = do_wait(pid, o, chance(80));
	if (o & 0xfffffff0 & ~0xc0000000UL)
		expect_ret(r, -EINVAL, "wait4 with unknown option bits");
}

/* A signal to one of the worker's children, or signal 0 / an invalid one to itself. */
static void op_kill(void)
{
	static const long sigs[] = { 0, 0, SIGKILL, SIGTERM, SIGUSR1, SIGCONT, SIGCHLD, 65, -1, 1000 };
	long sig = PICK(sigs), r;

	if (!nkids || chance(20)) {	/* itself, with no signal: only the check */
		long self = raw6(SYS_getpid, 0, 0, 0, 0, 0, 0);
		sig = chance(50) ? 0 : PICK(junk_longs);
		r = SC(chance(50) ? SYS_kill : SYS_tkill, self, sig);
		expect_ret(r, (int)sig == 0 ? 0 : -EINVAL, "kill of itself");
		return;
	}
	struct child *k = &kids[rnd(nkids)];
	r = SC(chance(80) ? SYS_kill : SYS_tkill, k->pid, sig);
	if (sig < 0 || sig > 64)
		expect_ret(r, -EINVAL, "kill with an invalid signal");
	else if (r == 0 && (sig == SIGKILL || sig == SIGTERM || sig == SIGUSR1)) {
		/* a signal may land after the child ended another way: any end will do,
		 * except for a blocked child that only SIGKILL has reached so far */
		if (k->expect != X_ANY)
			k->expect = k->must_kill && sig == SIGKILL ? X_SIGNAL : X_ANY;
		k->value = SIGKILL;
		if (sig == SIGKILL)
			k->must_kill = 0;
	}
}

/* ---- memory calls ------------------------------------------------------------------ */

/* A mapping the kernel placed outside the arena goes at once. hugetlb mappings are
 * unmapped in whole huge pages (MAP_HUGE_SHIFT bits, 2 MiB by default). */
static void unmap_outside(long ret, unsigned long len, unsigned long flags)
{
	if (flags & MAP_HUGETLB) {
		unsigned long shift = (flags >> 26) & 0x3f, huge = 1UL << (shift ? shift : 21);
		len = (len + huge - 1) & ~(huge - 1);
	}
	long r = SC(SYS_munmap, ret, len);
	expect_ret(r, 0, "munmap of the mapping the kernel just placed outside the arena");
}

/* mmap with random arguments; the result must be where the call said, and the
 * arena must look as predicted afterwards. */
static void op_mmap(void)
{
	static const unsigned long types[] = { 0, 1, 2, 2, 2, 2, 3, 4, 7, 15 };
	static const unsigned long extra[] = {
		/* not MAP_GROWSDOWN: such a VMA grows when the kernel writes below it */
		MAP_POPULATE, MAP_NORESERVE, MAP_LOCKED, MAP_STACK, MAP_HUGETLB,
		MAP_32BIT, MAP_NONBLOCK, 0x4000000 /* UNINITIALIZED */, 0x80000 /* SYNC */, 0x800, 0x1000,
	};
	unsigned long addr, len, prot, flags, fd = -1UL, off = 0, first, end;
	int fixed = 0, noreplace = 0, anon = 1;

	pick_range(&addr, &len);
	if (chance(20) && !in_arena(addr))
		len = arena_len(arena);
	if (in_arena(addr) && chance(60))
		fixed = 1;
	else if (chance(20))
		noreplace = 1;
	prot = chance(85) ? rnd(8) : rnd64() & 0x0300000f;
	flags = PICK(types) | (fixed ? MAP_FIXED : 0) | (noreplace ? 0x100000 : 0);
	for (int i = rnd(3) * (chance(40) ? 1 : 0); i > 0; i--)
		flags |= PICK(extra);
	if (len > ARENA)	/* a huge mapping may be made, but never filled */
		flags &= ~(unsigned long)(MAP_POPULATE | MAP_LOCKED);
	if (chance(90))
		flags |= MAP_ANONYMOUS;
	else
		anon = 0;
	if (!anon || chance(5))
		fd = pick_fd();
	if (chance(5))
		off = chance(50) ? 123 : PICK(counts);
	mm_begin();
	long ret = SC(SYS_mmap, addr, len, prot, flags, fd, off);
	unsigned long r = ret, alen = (len + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	if (ret < 0) {
		if (len == 0 && anon && (flags & 0xf) == 2 && !(flags & MAP_HUGETLB))
			expect_ret(ret, -EINVAL, "mmap of length 0");
		mm_end(0, "mmap", 0, 0);
		if (fixed && arena_pages_of(addr, len, &first, &end))
			for (unsigned long i = first; i < end; i++)
				set_content(i, C_UNKNOWN);
		return;
	}
	if (r & (PAGE_SIZE - 1) || r + alen > 0x7ffffffff000UL || r + alen < r)
		fail("mmap returned %#lx: not a page-aligned user range of %#lx bytes", r, len);
	else if ((fixed || noreplace) && r != addr)
		fail("mmap with MAP_FIXED%s returned %#lx instead of %#lx", noreplace ? "_NOREPLACE" : "", r, addr);
	if (!in_arena(r)) {
		unmap_outside(ret, len, flags);
		mm_end(1, "mmap outside the arena", 0, 0);
		return;
	}
	if (anon && !(flags & MAP_HUGETLB) && prot < 8 && arena_pages_of(r, alen, &first, &end)) {
		for (unsigned long i = first; i < end; i++)
			pm_pred[i] = M_MAPPED | (prot & 1 ? M_R : 0) | (prot & 2 ? M_W : 0) | (prot & 4 ? M_X : 0) |
				     ((flags & 3) != 2 ? M_SHARED : 0);
		mm_end(1, "mmap", first, end);
		return;
	}
	mm_end(0, "mmap", 0, 0);
	if (arena_pages_of(r, alen, &first, &end))
		for (unsigned long i = first; i < end; i++)
			set_content(i, C_UNKNOWN);
}

/* munmap of a random range: arena pages unmapped as predicted. */
static void op_munmap(void)
{
	unsigned long addr, len, first, end;

	pick_range(&addr, &len);
	mm_begin();
	long ret = SC(SYS_munmap, addr, len);
	if (ret == 0 && in_arena(addr) && arena_pages_of(addr, len, &first, &end)) {
		for (unsigned long i = first; i < end; i++)
			pm_pred[i] = 0;
		mm_end(1, "munmap", 0, 0);
		return;
	}
	if ((addr & (PAGE_SIZE - 1)) && ret != -EINVAL)
		fail("munmap of an unaligned address: expected -22 EINVAL, saw %ld", ret);
	mm_end(ret == 0 && !in_arena(addr), "munmap", 0, 0);
	if (ret && arena_pages_of(addr, len, &first, &end))
		for (unsigned long i = first; i < end; i++)
			set_content(i, C_UNKNOWN);
}

/* mprotect of a random range: new protection as predicted, data kept. */
static void op_mprotect(void)
{
	static const unsigned long odd[] = { 0x8 /* SEM */, 0x01000000 /* GROWSDOWN */, 0x02000000, 0x10, 0x80000000UL };
	unsigned long addr, len, prot = rnd(8), first, end;

	pick_range(&addr, &len);
	if (chance(10))
		prot |= PICK(odd);
	mm_begin();
	long ret = SC(SYS_mprotect, addr, len, prot);
	if (ret == 0 && prot < 8 && in_arena(addr) && arena_pages_of(addr, len, &first, &end)) {
		for (unsigned long i = first; i < end; i++) {
			if (!(pm_pred[i] & M_MAPPED))
				fail("mprotect succeeded over arena page %lu, which is not mapped", i);
			pm_pred[i] = (pm_pred[i] & ~(M_R | M_W | M_X)) | (prot & 1 ? M_R : 0) |
				     (prot & 2 ? M_W : 0) | (prot & 4 ? M_X : 0);
		}
		mm_end(1, "mprotect", 0, 0);
		return;
	}
	mm_end(ret == 0 && !in_arena(addr), "mprotect", 0, 0);
}

/* Linux's madvise advice values and what each does to the worker's model. */
enum { A_NONE, A_ZERO, A_FREE, A_REMOVE, A_FORK_FLAG, A_POISON, A_UNKNOWN };

/* What madvise advice adv does to the worker's model of a page. */
static int advice_effect(int adv)
{
	switch (adv) {
	case 0: case 1: case 2: case 3: case 12: case 13: case 14: case 15: case 16: case 17:
	case 20: case 21: case 22: case 23: case 25:
		return A_NONE;
	case 4: case 24: return A_ZERO;		/* DONTNEED, DONTNEED_LOCKED */
	case 8: return A_FREE;
	case 9: return A_REMOVE;
	case 10: case 11: case 18: case 19: return A_FORK_FLAG;
	case 100: case 101: return A_POISON;	/* HWPOISON, SOFT_OFFLINE */
	default: return A_UNKNOWN;
	}
}

/* An advice: every value 0..30 and 100..101 (not on Linux), sometimes junk. */
static long pick_advice(void)
{
	long adv;

	if (chance(85))
		adv = rnd(33) < 31 ? (long)rnd(31) : 100 + (long)rnd(2);
	else
		adv = chance(50) ? (long)(int)rnd64() : PICK(junk_longs);
	if ((int)adv == 102 || (int)adv == 103)	/* Linux 6.13's guard regions: not in the model */
		adv = 25;
	if (!thpk && ((int)adv == 100 || (int)adv == 101))	/* would poison a real page of Linux's */
		adv = 25;
	return adv;
}

/* What a madvise did (or may have done, on failure) to the pages it covered. */
static void advice_applied(int adv, unsigned long first, unsigned long end, int ok)
{
	int effect = advice_effect(adv);

	for (unsigned long i = first; i < end; i++) {
		if (!(pmap[i] & M_MAPPED))
			continue;
		int shared = pmap[i] & M_SHARED;
		if (!ok) {
			if (effect == A_FORK_FLAG || effect == A_UNKNOWN)
				pflag[i] |= F_UNCERTAIN;
			if (effect == A_POISON)
				pflag[i] |= F_POISON;
			if (effect != A_NONE && effect != A_FORK_FLAG)
				set_content(i, C_UNKNOWN);
			continue;
		}
		switch (effect) {
		case A_ZERO:
			if (!shared)
				set_content(i, C_ZERO);
			break;
		case A_FREE:
			if (shared)
				set_content(i, C_UNKNOWN);
			else if (pcont[i] == C_STAMP)
				set_content(i, C_ZERO_OR_STAMP);
			break;
		case A_REMOVE:
			set_content(i, shared ? C_ZERO : C_UNKNOWN);
			break;
		case A_FORK_FLAG:
			if (adv == 10)
				pflag[i] |= F_DONTFORK;
			else if (adv == 11)
				pflag[i] &= ~F_DONTFORK;
			else if (adv == 18)
				pflag[i] |= shared ? F_UNCERTAIN : F_WIPE;
			else
				pflag[i] &= ~F_WIPE;
			break;
		case A_POISON:
			pflag[i] |= F_POISON;
			break;
		case A_UNKNOWN:
			set_content(i, C_UNKNOWN);
			pflag[i] |= F_UNCERTAIN;
			break;
		}
	}
}

/* madvise of a random range with a random advice; maps must not change. */
static void op_madvise(void)
{
	unsigned long addr, len, first, end;
	long adv = pick_advice();
	int a = (int)adv;	/* what the kernel sees */

	pick_range(&addr, &len);
	if (chance(30) && in_arena(addr)) {	/* whole 2 MiB units: what THP acts on */
		addr &= ~(HPAGE_SIZE - 1);
		len = HPAGE_SIZE * (1 + rnd(4));
		if (addr + len > arena + ARENA)
			len = arena + ARENA - addr;
	}
	mm_begin();
	long ret = SC(SYS_madvise, addr, len, adv);
	if (arena_pages_of(addr, len, &first, &end) && in_arena(addr))
		advice_applied(a, first, end, ret == 0);
	if (a < 0 || (a > 25 && a < 100) || a > 103)
		if (ret != -EINVAL && !(len == 0 && ret == 0) && (addr & (PAGE_SIZE - 1)) == 0)
			fail("madvise with unknown advice %d: expected -22 EINVAL, saw %ld", a, ret);
	mm_end(1, "madvise", 0, 0);	/* madvise never changes what is mapped */
}

/* mremap within the arena: shrink, grow or move (huge PMDs move whole when aligned). */
static void op_mremap(void)
{
	static const unsigned long flag_sets[] = { 0, 1, 1, 3, 3, 5, 7, 2, 8, 0x100 };
	unsigned long addr = arena_addr(), old_len = arena_len(addr);
	unsigned long new_addr = arena_addr(), new_len, flags = PICK(flag_sets);

	if (chance(10))
		hostile_range(&addr, &old_len);
	new_len = arena_len(new_addr);
	if (!(flags & 2) && chance(50))
		new_len = arena_len(addr);
	mm_begin();
	long ret = SC(SYS_mremap, addr, old_len, new_len, flags, new_addr);
	if (ret >= 0 && !in_arena(ret))
		unmap_outside(ret, new_len, 0);
	mm_end(0, "mremap", 0, 0);
	if (ret < 0)
		return;
	for (unsigned long i = 0; i < ARENA_PAGES; i++) {
		set_content(i, C_UNKNOWN);
		pflag[i] |= F_UNCERTAIN;
	}
	/* a piece of shared memory grown past its object's end raises SIGBUS there:
	 * the worker does not touch what mremap made until it is mapped afresh */
	unsigned long first, end;
	if (arena_pages_of(ret, new_len, &first, &end))
		for (unsigned long i = first; i < end; i++)
			pflag[i] |= F_POISON;
}

/* mincore of a range (mostly the arena) into a buffer that may be bad or too short:
 * one byte per page, each 0 or 1, or EINVAL, ENOMEM, EFAULT, EAGAIN. */
static void op_mincore(void)
{
	unsigned long addr, len, pages;
	int bad;

	pick_range(&addr, &len);
	pages = (len >> 12) + ((len & (PAGE_SIZE - 1)) != 0);
	unsigned long vec = ptr_out(pages, &bad);
	long ret = SC(SYS_mincore, addr, len, vec);
	if (ret == 0 && !bad && vec >= scratch && vec + pages <= scratch + SCRATCH) {
		for (unsigned long i = 0; i < pages; i++)
			if (((unsigned char *)vec)[i] > 1) {
				fail("mincore: byte %lu of the vector is %u, expected 0 or 1", i,
				     ((unsigned char *)vec)[i]);
				break;
			}
	} else if (ret != 0 && ret != -EINVAL && ret != -ENOMEM && ret != -EFAULT && ret != -EAGAIN) {
		fail("mincore: expected 0, EINVAL, ENOMEM, EFAULT or EAGAIN, saw %ld %s", ret, errno_text(ret));
	} else if (ret == 0 && bad && pages) {
		fail("mincore into a bad vector %#lx: expected EFAULT, saw success", vec);
	}
}

/* brk to random places: it answers with the break, never an error. */
static void op_brk(void)
{
	static unsigned long start;
	unsigned long want;

	if (!start)
		start = raw6(SYS_brk, 0, 0, 0, 0, 0, 0);
	switch (rnd(4)) {
	case 0: want = 0; break;
	case 1: want = bad_ptr(0); break;
	case 2: want = start - rnd(2) * PAGE_SIZE - rnd(PAGE_SIZE); break;
	default: want = start + rnd(16 * MB); break;
	}
	mm_begin();
	long ret = SC(SYS_brk, want);
	if (ret <= 0)
		fail("brk(%#lx) returned %ld: Linux's brk answers with the break, never an error", want, ret);
	mm_end(1, "brk", 0, 0);
}

/* Writes or checks stamps on some pages of the arena. */
static void op_touch(void)
{
	unsigned long first, n;

	switch (rnd(10)) {
	case 0: case 1: case 2:
		first = rnd(ARENA / HPAGE_SIZE) * (HPAGE_SIZE / PAGE_SIZE);
		n = HPAGE_SIZE / PAGE_SIZE;
		break;
	case 3:
		first = rnd(ARENA_PAGES);
		n = 1 + rnd(1024);
		break;
	default:
		first = rnd(ARENA_PAGES);
		n = 1 + rnd(32);
		break;
	}
	int write = chance(60);
	for (unsigned long i = first; i < first + n && i < ARENA_PAGES; i++) {
		if (write && writable(i))
			write_stamp(i);
		else
			verify_page(i);
	}
}

/* Checks the stamps of every arena page the worker knows. */
static void op_verify_all(void)
{
	for (unsigned long i = 0; i < ARENA_PAGES; i++)
		verify_page(i);
}

/* Maps one 2 MiB unit of the arena afresh if it is not plain private read-write
 * memory, asks for huge pages, writes every page (a THP fault), checks them. */
static void op_thp_fault(void)
{
	unsigned long c = rnd(ARENA / HPAGE_SIZE), base = arena + c * HPAGE_SIZE;
	unsigned long first = page_index(base), end = first + HPAGE_SIZE / PAGE_SIZE, i;

	for (i = first; i < end; i++)
		if (pmap[i] != (M_MAPPED | M_R | M_W) || pflag[i])
			break;
	if (i < end) {
		mm_begin();
		long ret = SC(SYS_mmap, base, HPAGE_SIZE, PROT_READ | PROT_WRITE,
			      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1UL, 0);
		expect_ret(ret, (long)base, "mmap(MAP_FIXED) of a 2 MiB unit of the arena");
		for (i = first; i < end; i++)
			pm_pred[i] = M_MAPPED | M_R | M_W;
		mm_end(ret == (long)base, "mmap of a 2 MiB unit", first, end);
		if (ret != (long)base)
			return;
	}
	if (chance(80)) {
		long ret = SC(SYS_madvise, base, HPAGE_SIZE, MADV_HUGEPAGE);
		expect_ret(ret, 0, "madvise(MADV_HUGEPAGE) of a mapped 2 MiB unit");
	}
	for (i = first; i < end; i++)
		write_stamp(i);
	for (i = first; i < end; i++)
		verify_page(i);
	st->huge_writes++;
}

/* MADV_COLLAPSE of 1-3 units, then their data must be unchanged. */
static void op_collapse(void)
{
	unsigned long base = arena + rnd(ARENA / HPAGE_SIZE) * HPAGE_SIZE;
	unsigned long len = HPAGE_SIZE * (1 + rnd(3)), first, end;

	if (base + len > arena + ARENA)
		len = arena + ARENA - base;
	mm_begin();
	SC(SYS_madvise, base, len, MADV_COLLAPSE);
	mm_end(1, "MADV_COLLAPSE", 0, 0);
	if (arena_pages_of(base, len, &first, &end))
		for (unsigned long i = first; i < end; i++)
			verify_page(i);	/* a collapse never changes data */
}

/* ---- descriptors: open, close, read, write ------------------------------------------ */

/* Closes random descriptors until n more fit under MAX_OPEN. */
static void make_room_for_fds(int n)
{
	while (nopen + n > MAX_OPEN) {
		int fd = rnd(NFDS);
		if (fd_kind[fd] != FD_CLOSED && fd > 2) {
			long r = SC(SYS_close, fd);
			expect_ret(r, 0, "close of an open descriptor");
			fd_drop(fd);
		}
	}
}

/* open/openat of a random path with random flags: the lowest free descriptor. */
static void op_open(void)
{
	static const int scratch_flags[] = {
		O_CREAT, O_CREAT, O_EXCL, O_TRUNC, O_APPEND, O_NONBLOCK, O_CLOEXEC, O_DIRECTORY,
		O_NOFOLLOW, O_SYNC, O_NOATIME, O_PATH, O_TMPFILE,
	};
	static const int ro_flags[] = {
		O_NONBLOCK, O_CLOEXEC, O_DIRECTORY, O_NOFOLLOW, O_NOCTTY, O_PATH, O_LARGEFILE, O_NOATIME,
	};
	struct path_ref p;
	long dfd = AT_FDCWD, ret;
	int flags, use_at = chance(50), kind = FD_OTHER;

	make_room_for_fds(1);
	p = pick_path(chance(40));
	if (use_at && chance(50)) {	/* relative to a directory descriptor */
		dfd = pick_fd();
		if (kind_of(dfd) == FD_SCRATCH_DIR && chance(80))
			p = (struct path_ref){ PICK(scratch_rel), P_SCRATCH };
		else if (p.kind == P_SCRATCH || p.kind == P_SCRATCH_DIR)
			p = PICK(ro_paths);	/* a relative write could land anywhere */
	}
	if (p.kind == P_SCRATCH || p.kind == P_SCRATCH_DIR) {
		flags = rnd(3);
		for (int i = rnd(4); i > 0; i--)
			flags |= PICK(scratch_flags);
	} else {
		flags = p.kind == P_DEV_RW ? (int)rnd(3) : O_RDONLY;
		for (int i = rnd(3); i > 0; i--)
			flags |= PICK(ro_flags);
	}
	if (p.kind == P_SCRATCH_DIR && !(flags & 3))
		kind = FD_SCRATCH_DIR;
	unsigned long mode = chance(90) ? rnd(01000) : rnd64();
	int expect = lowest_free(0);
	if (use_at)
		ret = SC(SYS_openat, dfd, p.addr, flags, mode);
	else
		ret = SC(SYS_open, p.addr, flags, mode);
	fd_opened(ret, expect, kind, 0, use_at ? "openat" : "open");
	if (p.kind == P_BAD && ret != -EFAULT)
		fail("open of a bad path pointer %#lx: expected -14 EFAULT, saw %ld %s", p.addr, ret, errno_text(ret));
}

/* close of a random descriptor: 0 if open, EBADF if not. */
static void op_close(void)
{
	long fd = pick_fd();

	if (fd >= 0 && fd <= 2 && chance(80))
		return;
	long r = SC(SYS_close, fd);
	check_badf(fd, r, "close");
	if (!fd_is_closed(fd))
		expect_ret(r, 0, "close of an open descriptor");
	fd_drop((int)fd);
}

/* Would reading fd wait forever (an empty pipe whose writer is the worker itself)? */
static int read_would_block(long fd64)
{
	int fd = (int)fd64;

	if (fd < 0 || fd >= NFDS || fd_kind[fd] != FD_PIPE_R)
		return 0;
	const struct pipe_model *p = &pipes[fd_pipe[fd]];
	return p->wseq == p->rseq && p->writers > 0;
}

/* How many bytes a write to fd may carry without waiting: a pipe with readers has
 * at least 4096 bytes of room (Linux's smallest pipe), less what is in it. */
static unsigned long write_room(long fd64)
{
	int fd = (int)fd64;

	if (fd < 0 || fd >= NFDS || fd_kind[fd] != FD_PIPE_W)
		return ~0UL;
	const struct pipe_model *p = &pipes[fd_pipe[fd]];
	if (!p->readers)
		return ~0UL;
	return 4096 - (p->wseq - p->rseq);
}

/* A read took ret bytes out of fd, if it is a pipe's read end. */
static void pipe_read_done(long fd64, long ret)
{
	int fd = (int)fd64;

	if (ret > 0 && fd >= 0 && fd < NFDS && fd_kind[fd] == FD_PIPE_R) {
		struct pipe_model *p = &pipes[fd_pipe[fd]];
		p->rseq += ret;
		if (p->rseq == p->wseq)
			p->known = 1;
	}
}

/* A write put ret (random) bytes into fd, if it is a pipe's write end. */
static void pipe_write_done(long fd64, long ret)
{
	int fd = (int)fd64;

	if (ret > 0 && fd >= 0 && fd < NFDS && fd_kind[fd] == FD_PIPE_W) {
		struct pipe_model *p = &pipes[fd_pipe[fd]];
		p->wseq += ret;
		p->known = 0;
	}
}

/* iovecs in scratch (never where the kernel must not write): n of them, each from
 * ptr_out/ptr_in. Returns the array's address and their total length. */
static unsigned long make_iov(int n, int for_write_by_kernel, unsigned long max_total, unsigned long *total)
{
	unsigned long *iov = (unsigned long *)(scratch + SCRATCH - 16 * 8);
	int bad;

	*total = 0;
	for (int i = 0; i < n; i++) {
		unsigned long len = chance(80) ? rnd(2048) : pick_count();
		if (*total + len > max_total || *total + len < *total)
			len = max_total - *total;
		iov[2 * i] = for_write_by_kernel ? ptr_out(len, &bad) : ptr_in(len, &bad);
		iov[2 * i + 1] = len;
		*total += len;
	}
	return U(iov);
}

/* read/pread64/readv of a random descriptor into random buffers. */
static void op_read(void)
{
	long fd = pick_fd(), ret;
	int bad, variant = rnd(10);
	unsigned long n = pick_count(), buf;

	if (read_would_block(fd))
		return;
	if (variant < 6) {
		buf = ptr_out(n, &bad);
		ret = SC(SYS_read, fd, buf, n);
	} else if (variant < 8) {
		long pos = chance(80) ? (long)rnd(1 << 20) : PICK(junk_longs);
		buf = ptr_out(n, &bad);
		ret = SC(SYS_pread64, fd, buf, n, pos);
		if (pos < 0)
			bad = 0;
		else
			check_badf(fd, ret, "pread64");
	} else {
		/* every iovec the kernel may write through is one of ours, or there are
		 * more than UIO_MAXIOV and the kernel must not look at them */
		static const unsigned long too_many[] = { 1025, 4096, 1UL << 20, 0x80000000UL, ~0UL };
		unsigned long cnt = chance(90) ? rnd(5) : PICK(too_many);
		unsigned long iov = make_iov(cnt <= 4 ? cnt : 0, 1, ~0UL >> 2, &n);
		if (chance(5) && cnt <= 4)
			iov = bad_ptr(0);
		ret = SC(SYS_readv, fd, iov, cnt);
		if (cnt <= 4)
			check_badf(fd, ret, "readv");
		if (ret > 0 && (unsigned long)ret > n)
			fail("readv returned %ld for buffers of %lu bytes", ret, n);
		pipe_read_done(fd, ret);
		return;
	}
	if (variant < 6)
		check_badf(fd, ret, "read");
	if (ret > 0 && (unsigned long)ret > n)
		fail("read returned %ld for a buffer of %lu bytes", ret, n);
	if (bad && n > 0 && ret > 0)
		fail("read of %lu bytes into bad pointer %#lx returned %ld", n, buf, ret);
	pipe_read_done(fd, ret);
}

/* write/writev of a random descriptor from random buffers. */
static void op_write(void)
{
	long fd = pick_fd(), ret;
	int bad;
	unsigned long room = write_room(fd), n = pick_count(), buf;

	if (room == 0)
		return;		/* a full pipe whose reader is the worker: it would wait */
	if (kind_of(fd) == FD_OTHER && n > 65536)
		n = rnd(65536);		/* files grow by what is written: keep them small */
	if (chance(70)) {
		buf = ptr_in(n, &bad);
		if (n > room && !bad)
			n = room;
		ret = SC(SYS_write, fd, buf, n);
		check_badf(fd, ret, "write");
		if (ret > 0 && (unsigned long)ret > n)
			fail("write returned %ld for %lu bytes", ret, n);
	} else {
		unsigned long cnt = rnd(5);
		unsigned long iov = make_iov(cnt, 0, room == ~0UL ? 65536 : room, &n);
		ret = SC(SYS_writev, fd, iov, cnt);
		check_badf(fd, ret, "writev");
		if (ret > 0 && (unsigned long)ret > n)
			fail("writev returned %ld for %lu bytes", ret, n);
	}
	pipe_write_done(fd, ret);
}

/* lseek with random offsets and whence values. */
static void op_lseek(void)
{
	static const long offs[] = { 0, 1, -1, 4096, 1L << 40, 0x7fffffffffffffffL, (long)0x8000000000000000UL, 8 };
	long fd = pick_fd(), whence = chance(90) ? (long)rnd(5) : PICK(junk_longs);
	long ret = SC(SYS_lseek, fd, PICK(offs), whence);

	check_badf(fd, ret, "lseek");
}

/* fstat, stat/lstat and newfstatat with random paths, flags and buffers. */
static void op_stat(void)
{
	int bad, variant = rnd(4);
	unsigned long buf = ptr_out(144, &bad);
	long ret;

	if (variant == 0) {
		long fd = pick_fd();
		ret = SC(SYS_fstat, fd, buf);
		check_badf(fd, ret, "fstat");
		if (bad && !fd_is_closed(fd))
			expect_ret(ret, -EFAULT, "fstat into a bad pointer");
		return;
	}
	struct path_ref p = pick_path(0);
	if (variant == 1) {
		ret = SC(chance(50) ? SYS_stat : SYS_lstat, p.addr, buf);
		if (p.kind == P_BAD && ret != -EFAULT)
			fail("stat of bad path pointer %#lx: expected -14 EFAULT, saw %ld", p.addr, ret);
		return;
	}
	static const long at_flags[] = { 0, 0, 0x100, 0x1000, 0x800, 0x1100, 0x2, 0x80000000L };
	long dfd = chance(50) ? AT_FDCWD : pick_fd();
	SC(SYS_newfstatat, dfd, chance(10) ? U("") : p.addr, buf, PICK(at_flags));
}

/* getdents64 of a random descriptor with random buffer sizes. */
static void op_getdents(void)
{
	static const unsigned long sizes[] = { 0, 1, 16, 24, 64, 280, 4096, 65536, ~0UL, 1UL << 31 };
	long fd = pick_fd();
	int bad;
	unsigned long n = PICK(sizes), buf = ptr_out(n, &bad);
	long ret = SC(SYS_getdents64, fd, buf, n);

	check_badf(fd, ret, "getdents64");
	if (ret > 0 && (unsigned long)ret > n)
		fail("getdents64 returned %ld for a buffer of %lu bytes", ret, n);
}

/* A free pipe slot of the model (with a new stream salt), or -1. */
static int new_pipe(void)
{
	for (int i = 0; i < MAX_PIPES; i++)
		if (!pipes[i].readers && !pipes[i].writers) {
			pipes[i] = (struct pipe_model){ 0, 0, 0, 0, 1, (unsigned char)rnd(256) };
			return i;
		}
	return -1;
}

/* pipe/pipe2: the two lowest free descriptors, or EFAULT for a bad pointer. */
static void op_pipe(void)
{
	/* not O_DIRECT (packets: a short read drops the rest, the byte count is lost)
	 * nor O_EXCL (Linux's O_NOTIFICATION_PIPE, a pipe of another kind) */
	static const unsigned long flag_sets[] = { 0, O_CLOEXEC, O_NONBLOCK, O_CLOEXEC | O_NONBLOCK, 1, 0x40000000 };
	int slot = new_pipe(), bad = 0;
	unsigned long flags = PICK(flag_sets), buf;
	long ret;

	if (slot < 0)
		return;
	make_room_for_fds(2);
	if (chance(85)) {
		buf = scratch + rnd(64) * 8;
	} else {
		buf = bad_ptr(1);
		bad = 1;
	}
	int first = lowest_free(0), second;
	fd_kind[first] = FD_PIPE_R;	/* reserve it to find the next one */
	second = lowest_free(0);
	fd_kind[first] = FD_CLOSED;
	if (chance(30)) {
		flags = 0;
		ret = SC(SYS_pipe, buf);
	} else {
		ret = SC(SYS_pipe2, buf, flags);
	}
	if (bad) {
		if (!(flags & ~(unsigned long)(O_CLOEXEC | O_NONBLOCK)))
			expect_ret(ret, -EFAULT, "pipe into a bad pointer");
		return;
	}
	if (ret != 0)
		return;
	int *fds = (int *)buf;
	if (fds[0] != first || fds[1] != second)
		fail("pipe gave descriptors %d and %d, but the lowest free ones are %d and %d", fds[0], fds[1],
		     first, second);
	fd_track(fds[0], FD_PIPE_R, slot);
	fd_track(fds[1], FD_PIPE_W, slot);
}

/* Pattern bytes through one of the worker's pipes: they must come out in order. */
static void op_pipe_data(void)
{
	int rfd = -1, wfd = -1, start = rnd(NFDS);
	struct pipe_model *p;

	for (int k = 0; k < NFDS && rfd < 0; k++) {
		int fd = (start + k) % NFDS;
		if (fd_kind[fd] == FD_PIPE_R && pipes[fd_pipe[fd]].known && pipes[fd_pipe[fd]].writers)
			rfd = fd;
	}
	if (rfd < 0)
		return;
	p = &pipes[fd_pipe[rfd]];
	for (int fd = 0; fd < NFDS && wfd < 0; fd++)
		if (fd_kind[fd] == FD_PIPE_W && fd_pipe[fd] == fd_pipe[rfd])
			wfd = fd;
	unsigned long in_pipe = p->wseq - p->rseq, n = rnd(4096 - in_pipe + 1);
	unsigned char *out = (unsigned char *)scratch, *in = (unsigned char *)(scratch + 8192);
	for (unsigned long i = 0; i < n; i++)
		out[i] = pipe_byte(p, p->wseq + i);
	long w = SC(SYS_write, wfd, U(out), n);
	if (w >= 0 && (unsigned long)w != n && !(n == 0 && w == 0))
		fail("write of %lu bytes to a pipe with room for them returned %ld", n, w);
	if (w > 0) {
		p->wseq += w;
		st->pipe_bytes += w;
	}
	in_pipe = p->wseq - p->rseq;
	if (!in_pipe)
		return;
	unsigned long m = 1 + rnd(in_pipe + 16);
	long r = SC(SYS_read, rfd, U(in), m);
	if (r <= 0 || (unsigned long)r > m) {
		fail("read of %lu bytes from a pipe holding %lu returned %ld", m, in_pipe, r);
		p->known = 0;
		return;
	}
	for (long i = 0; i < r; i++)
		if (in[i] != pipe_byte(p, p->rseq + i)) {
			fail("pipe byte %lu (read at offset %ld): expected %#x, saw %#x", p->rseq + i, i,
			     pipe_byte(p, p->rseq + i), in[i]);
			p->known = 0;
			break;
		}
	p->rseq += r;
}

/* dup, dup2, dup3 and fcntl(F_DUPFD): the descriptor Linux's rules give. */
static void op_dup(void)
{
	static const long bad_targets[] = { -1, 1L << 30, 0x7fffffff };
	long old = pick_fd(), ret;
	int kind = kind_of(old), pipe = kind == FD_CLOSED ? 0 : fd_pipe[(int)old];
	long target = chance(90) ? (long)rnd(64) : PICK(bad_targets);

	make_room_for_fds(1);
	switch (rnd(5)) {
	case 0: {
		int expect = lowest_free(0);
		ret = SC(SYS_dup, old);
		check_badf(old, ret, "dup");
		if (!fd_is_closed(old))
			fd_opened(ret, expect, kind, pipe, "dup");
		return;
	}
	case 1: case 2: {
		int three = chance(50), same = (int)old == (int)target;
		long flags = three && chance(80) ? (chance(50) ? O_CLOEXEC : 0) : three ? 0x1 : 0;
		ret = three ? SC(SYS_dup3, old, target, flags) : SC(SYS_dup2, old, target);
		if (!three || (!same && (flags & ~(long)O_CLOEXEC) == 0))
			check_badf(old, ret, three ? "dup3" : "dup2");
		if (three && same && ret != -EINVAL)
			fail("dup3 with equal descriptors: expected -22 EINVAL, saw %ld", ret);
		if (ret >= 0) {
			if (ret != (int)target)
				fail("dup2/dup3 returned %ld instead of %d", ret, (int)target);
			else if (!same)
				fd_track((int)target, kind, pipe);
		}
		return;
	}
	default: {
		long min = chance(90) ? (long)rnd(64) : PICK(bad_targets);
		int expect = lowest_free((int)(min < 0 ? 0 : min > NFDS ? NFDS : min));
		ret = SC(SYS_fcntl, old, chance(50) ? F_DUPFD : F_DUPFD_CLOEXEC, min);
		check_badf(old, ret, "fcntl(F_DUPFD)");
		if (!fd_is_closed(old) && min >= 0 && min < 64)
			fd_opened(ret, expect, kind, pipe, "fcntl(F_DUPFD)");
		else if (ret >= 0)
			fd_track((int)ret, kind, pipe);
		return;
	}
	}
}

/* fcntl with the other commands (never ones that raise signals or block). */
static void op_fcntl(void)
{
	static const long cmds[] = {
		F_GETFD, F_SETFD, F_GETFL, F_SETFL, F_GETLK, F_SETLK, F_GETOWN, F_GETSIG, 16 /* GETOWN_EX */,
		36 /* OFD_GETLK */, 37 /* OFD_SETLK */, 1025 /* GETLEASE */, 1031 /* SETPIPE_SZ */,
		1032 /* GETPIPE_SZ */, 1034 /* GET_SEALS */, 1035 /* GET_RW_HINT */, -1, 100, 1099, 0x7fffffff,
	};
	/* never one page: a pipe of one slot can be full with fewer than 4096 bytes */
	static const long pipe_sizes[] = { 8192, 65536, 1 << 20, -1, 0x80000001L };
	long fd = pick_fd(), cmd = PICK(cmds), arg = rnd64();
	int bad;

	switch (cmd) {
	case F_SETFL: arg &= ~(long)(O_ASYNC | O_DIRECT); break;	/* no SIGIO, no packet pipes */
	case F_GETLK: case F_SETLK: case 36: case 37: case 16: {
		unsigned long *lk = (unsigned long *)(scratch + 4096);
		for (int i = 0; i < 4; i++)
			lk[i] = chance(70) ? rnd(3) : rnd64();
		arg = (long)(chance(80) ? U(lk) : ptr_out(32, &bad));
		break;
	}
	case 1031: arg = PICK(pipe_sizes); break;
	case 1035: arg = (long)ptr_out(8, &bad); break;
	}
	long ret = SC(SYS_fcntl, fd, cmd, arg);
	if (cmd == F_GETFD || cmd == F_GETFL || cmd == F_SETFD)
		check_badf(fd, ret, "fcntl");
	if (cmd == F_GETFD && ret > 1)
		fail("fcntl(F_GETFD) returned %ld: only FD_CLOEXEC is defined", ret);
}

/* ioctl with terminal and file commands on random descriptors. */
static void op_ioctl(void)
{
	static const unsigned long cmds[] = {
		0x5401 /* TCGETS */, 0x5413 /* TIOCGWINSZ */, 0x5414 /* TIOCSWINSZ */, 0x541B /* FIONREAD */,
		0x5421 /* FIONBIO */, 0x5451 /* FIOCLEX */, 0x5450 /* FIONCLEX */, 0x540F /* TIOCGPGRP */,
		0x5410 /* TIOCSPGRP */, 0xdead0001, 0x80086601 /* FS_IOC_GETFLAGS */, 0,
	};
	long fd = pick_fd();
	unsigned long cmd = PICK(cmds), arg;
	int bad;

	arg = chance(90) ? ptr_out(64, &bad) : bad_ptr(1);
	long ret = SC(SYS_ioctl, fd, cmd, arg);
	check_badf(fd, ret, "ioctl");
}

/* poll of random descriptors for at most 3 ms. */
static void op_poll(void)
{
	static const unsigned long big[] = { 1UL << 20, 0xffffffffUL, 1025, 257 };
	unsigned long n = chance(90) ? rnd(9) : PICK(big), fds = scratch + 16384;
	int bad;

	for (unsigned long i = 0; i < 8; i++) {
		((int *)fds)[2 * i] = (int)pick_fd();
		((int *)fds)[2 * i + 1] = (int)rnd(0x10000);
	}
	if (chance(10))
		fds = ptr_out(n * 8, &bad);
	long ret = SC(SYS_poll, fds, n, chance(70) ? 0 : rnd(4));
	if (ret > 0 && (unsigned long)ret > n)
		fail("poll returned %ld for %lu descriptors", ret, n);
}

/* ftruncate of a random descriptor to a random length. */
static void op_ftruncate(void)
{
	static const long lens[] = { 0, 1, 4095, 4096, 1 << 20, -1, 1L << 33, 0x7fffffffffffffffL };
	long fd = pick_fd(), len = chance(60) ? (long)rnd(65536) : PICK(lens);
	long ret = SC(SYS_ftruncate, fd, len);

	if (len >= 0)
		check_badf(fd, ret, "ftruncate");
}

/* mkdir, rmdir, unlink and friends: in the scratch directory only. */
static void op_fs(void)
{
	struct path_ref p = pick_path(1);
	long ret, dfd = -1;
	int bad;

	for (int fd = 0; fd < NFDS; fd++)
		if (fd_kind[fd] == FD_SCRATCH_DIR)
			dfd = fd;
	switch (rnd(11)) {
	case 0: SC(SYS_mkdir, p.addr, rnd(01000)); break;
	case 1: SC(SYS_rmdir, p.addr); break;
	case 2: SC(SYS_unlink, p.addr); break;
	case 3: case 4: {
		static const long flags[] = { 0, 0, 0x200 /* AT_REMOVEDIR */, 0x200, 0x1, 0x400 };
		unsigned long name = p.addr;
		if (dfd >= 0 && chance(60))
			name = PICK(scratch_rel);
		else
			dfd = chance(80) ? AT_FDCWD : -1;
		if (chance(50))
			SC(SYS_unlinkat, dfd, name, PICK(flags));
		else
			SC(SYS_mkdirat, dfd, name, rnd(01000));
		break;
	}
	case 5: {
		static const char *const dirs[] = { "/", "/proc", "/tmp", "/nonexistent", "/bin/true" };
		unsigned long where = chance(50) ? p.addr : U(PICK(dirs));
		SC(SYS_chdir, where);
		break;
	}
	case 6: {
		static const unsigned long sizes[] = { 0, 1, 2, 16, 4096, 65536, ~0UL };
		unsigned long n = PICK(sizes), buf = ptr_out(n, &bad);
		ret = SC(SYS_getcwd, buf, n);
		if (ret > 0 && (unsigned long)ret > n)
			fail("getcwd returned %ld for a buffer of %lu bytes", ret, n);
		break;
	}
	case 7: {
		struct path_ref q = pick_path(0);
		long n = chance(80) ? (long)rnd(300) : PICK(junk_longs);
		unsigned long buf = ptr_out(n, &bad);
		ret = SC(SYS_readlink, chance(20) ? U("/proc/self") : q.addr, buf, n);
		if (ret > 0 && ret > n)
			fail("readlink returned %ld for a buffer of %ld bytes", ret, n);
		break;
	}
	case 8: {
		struct path_ref q = pick_path(0);
		long mode = chance(90) ? (long)rnd(8) : PICK(junk_longs);
		ret = chance(50) ? SC(SYS_access, q.addr, mode) : SC(SYS_faccessat, AT_FDCWD, q.addr, mode);
		if (q.kind == P_BAD && mode >= 0 && mode < 8)
			expect_ret(ret, -EFAULT, "access of a bad path pointer");
		break;
	}
	case 9:
		SC(SYS_umask, chance(90) ? rnd(01000) : rnd64());
		break;
	default: {
		/* execve that must fail: the worker stays itself */
		static const char *const paths[] = { "/nonexistent", "/", "/proc", "/proc/self/maps", "/dev/null",
						     "/bin/true/x", "" };
		unsigned long path = chance(30) ? bad_ptr(0) : chance(20) ? long_path : U(PICK(paths));
		unsigned long argv = chance(50) ? 0 : chance(50) ? bad_ptr(0) : ptr_in(16, &bad);
		ret = SC(SYS_execve, path, argv, chance(50) ? 0 : bad_ptr(0));
		if (ret >= 0)
			fail("execve of a bad path returned %ld", ret);
		break;
	}
	}
}

/* ---- /proc and /sys ---------------------------------------------------------------- */

/* Reads fd to its end (at most max_reads reads). */
static void read_whole(long fd, int max_reads)
{
	for (int i = 0; i < max_reads; i++) {
		int bad;
		unsigned long n = chance(80) ? 1 + rnd(8192) : pick_count();
		long r = SC(SYS_read, fd, chance(90) ? scratch : ptr_out(n, &bad), n);
		if (r <= 0)
			break;
	}
}

/* Reads a /proc or /sys file, or part of a pagemap, of itself or a child. */
static void op_proc_read(void)
{
	static const char *const files[] = {
		"/proc/self/maps", "/proc/self/smaps", "/proc/self/status", "/proc/self/stat", "/proc/meminfo",
		"/proc/vmstat", "/proc/buddyinfo", "/proc/zoneinfo", "/proc/mounts", "/proc/uptime",
		"/sys/kernel/mm/transparent_hugepage/enabled", "/sys/kernel/mm/transparent_hugepage/defrag",
		"/sys/kernel/mm/transparent_hugepage/khugepaged/pages_collapsed",
		"/sys/kernel/mm/transparent_hugepage/khugepaged/scan_results", "/proc/sys/vm/min_free_kbytes",
		"/sys/kernel/debug/thp/check", "/proc/1/smaps",
	};
	static const char *const per_pid[] = { "maps", "smaps", "status", "stat", "pagemap" };
	unsigned long path = U(PICK(files));
	int pagemap = 0;

	if (chance(30)) {
		int pid = nkids && chance(70) ? kids[rnd(nkids)].pid : (int)raw6(SYS_getpid, 0, 0, 0, 0, 0, 0);
		const char *name = PICK(per_pid);
		snprintf((char *)dyn_path, 64, "/proc/%d/%s", pid, name);
		path = dyn_path;
		pagemap = !strcmp(name, "pagemap");
	}
	if (path == U(files[15]) && chance(80))
		path = U(files[0]);	/* the self-check walks all of memory: now and then */
	make_room_for_fds(1);
	int expect = lowest_free(0);
	long fd = SC(SYS_open, path, O_RDONLY);
	fd_opened(fd, expect, FD_OTHER, 0, "open");
	if (fd < 0)
		return;
	if (pagemap) {
		unsigned long off = chance(80) ? (arena / PAGE_SIZE + rnd(ARENA_PAGES)) * 8 : rnd64() >> 8;
		SC(SYS_lseek, fd, off, SEEK_SET);
		int bad;
		unsigned long n = chance(80) ? 8 * (1 + rnd(1024)) : pick_count();
		long r = SC(SYS_pread64, fd, ptr_out(n, &bad), n, off);
		if (r > 0 && (r % 8 || (unsigned long)r > n))
			fail("pagemap read of %lu bytes returned %ld (not a multiple of 8 within the count)", n, r);
	} else {
		read_whole(fd, 64);
	}
	long r = SC(SYS_close, fd);
	expect_ret(r, 0, "close");
	fd_drop(fd);
}

struct knob_spec {
	const char *name;
	int words;		/* a choice file: takes one of its words */
	unsigned long max;	/* a number file: largest valid value */
};

static const struct knob_spec knob_specs[] = {
	{ "enabled", 1, 0 }, { "defrag", 1, 0 }, { "use_zero_page", 0, 1 },
	{ "khugepaged/pages_to_scan", 0, 4096 }, { "khugepaged/scan_sleep_millisecs", 0, 2000 },
	{ "khugepaged/alloc_sleep_millisecs", 0, 2000 }, { "khugepaged/max_ptes_none", 0, 511 },
	{ "khugepaged/max_ptes_swap", 0, 511 }, { "khugepaged/max_ptes_shared", 0, 511 },
	{ "khugepaged/defrag", 0, 1 }, { "khugepaged/pages_collapsed", 0, 0 },
	{ "khugepaged/full_scans", 0, 0 }, { "hpage_pmd_size", 0, 0 },
};

/* Garbage or a valid value for a THP knob. Where the knobs must not change (a Linux
 * workstation) only values Linux refuses. */
static size_t knob_value(const struct knob_spec *k, char *buf, size_t size)
{
	static const char *const words[] = { "always", "madvise", "never", "defer", "defer+madvise", "within_size" };
	static const char *const junk[] = {
		"garbage", "[always]", "always never", "-1", "4294967296", "99999999999999999999",
		"12abc", " ", "\n", "0x10", "+", "alwaysx", "\xff\xfe", "1e3",
	};

	if (knobs_full && chance(60)) {
		if (k->words)
			return snprintf(buf, size, "%s%s", PICK(words), chance(50) ? "\n" : "");
		unsigned long v = chance(80) ? rnd(k->max + 1) : k->max + 1;
		return snprintf(buf, size, "%lu%s", v, chance(50) ? "\n" : "");
	}
	if (chance(10)) {
		size_t n = rnd(size);
		for (size_t i = 0; i < n; i++)
			buf[i] = 'g' + rnd(20);	/* letters: never a number or a mode word */
		return n;
	}
	return snprintf(buf, size, "%s", PICK(junk));
}

/* Writes a value to a THP knob or /proc/self/clear_refs. */
static void op_knob(void)
{
	const struct knob_spec *k = &knob_specs[rnd(ARRAY_SIZE(knob_specs))];
	char *path = (char *)dyn_path, *val = (char *)(scratch + 24576);
	int bad = 0;

	if (chance(15)) {
		snprintf(path, 64, "/proc/self/clear_refs");
		static const char *const vals[] = { "1", "2", "3", "4", "5", "0", "9", "x" };
		strcpy(val, PICK(vals));
	} else {
		snprintf(path, 64, "/sys/kernel/mm/transparent_hugepage/%s", k->name);
		val[knob_value(k, val, 64)] = 0;
	}
	make_room_for_fds(1);
	int expect = lowest_free(0);
	long fd = SC(SYS_open, dyn_path, O_WRONLY);
	fd_opened(fd, expect, FD_OTHER, 0, "open");
	if (fd < 0)
		return;
	unsigned long n = strlen(val), buf = U(val);
	if (chance(10)) {
		buf = bad_ptr(0);
		bad = 1;
	}
	if (chance(5))
		n = PICK(counts);
	long r = SC(SYS_write, fd, buf, n);
	if (bad && n && r != -EFAULT && r != -EINVAL)
		fail("write of a THP knob from bad pointer %#lx: expected -14 EFAULT, saw %ld", buf, r);
	r = SC(SYS_close, fd);
	expect_ret(r, 0, "close");
	fd_drop(fd);
}

/* ---- everything else ---------------------------------------------------------------- */

/* Clocks, gettimeofday, short sleeps and invalid ones, sched_yield. */
static void op_time(void)
{
	static const long clocks[] = { 0, 1, 2, 3, 4, 5, 6, 7, 11, -1, 12, 100, 0x7fffffff, -6 };
	int bad;
	long clk = PICK(clocks), ret;
	unsigned long buf = ptr_out(16, &bad);
	long *ts = (long *)(scratch + 12288);

	switch (rnd(6)) {
	case 0:
		ret = SC(SYS_clock_gettime, clk, buf);
		if (bad && (clk == 0 || clk == 1))
			expect_ret(ret, -EFAULT, "clock_gettime into a bad pointer");
		break;
	case 1:
		SC(SYS_clock_getres, clk, chance(20) ? 0 : buf);
		break;
	case 2:
		ret = SC(SYS_gettimeofday, chance(20) ? 0 : buf, chance(80) ? 0 : ptr_out(8, &bad));
		break;
	case 3: case 4: {
		/* at most a millisecond, or a time Linux refuses (never a long one) */
		ts[1] = chance(90) ? (long)rnd(1000000) : PICK(junk_longs);
		int valid_ns = ts[1] >= 0 && ts[1] < 1000000000L;
		ts[0] = chance(95) || valid_ns ? 0 : PICK(junk_longs);
		if (valid_ns && chance(5))
			ts[0] = -1 - (long)rnd(10);
		int valid = ts[0] >= 0 && valid_ns, bad_req = chance(10);
		unsigned long req = bad_req ? bad_ptr(0) : U(ts), rem = chance(50) ? 0 : ptr_out(16, &bad);
		if (chance(50)) {
			ret = SC(SYS_nanosleep, req, rem);
		} else {
			/* TIMER_ABSTIME with a time near 0: in the past, returns at once. Never
			 * a CPU-time clock: the sleeper's own CPU time does not advance */
			static const long sleep_clocks[] = { 0, 1, 7, 11, 3, 4, 6, 12, 100, 0x7fffffff };
			long flags = chance(80) ? 0 : chance(50) ? 1 : 0x10;
			clk = chance(80) ? 1 : PICK(sleep_clocks);
			ret = SC(SYS_clock_nanosleep, clk, flags, req, rem);
			if (clk != 0 && clk != 1)
				break;
		}
		if (bad_req)
			expect_ret(ret, -EFAULT, "nanosleep with a bad time pointer");
		else if (!valid)
			expect_ret(ret, -EINVAL, "nanosleep with an invalid time");
		else
			expect_ret(ret, 0, "nanosleep of at most a millisecond");
		break;
	}
	default:
		SC(SYS_sched_yield);
		break;
	}
}

/* Process ids and groups (never moving the worker), uname, sysinfo. */
static void op_ids(void)
{
	int bad;
	long ret;

	switch (rnd(9)) {
	case 0: ret = SC(SYS_getpid); if (ret <= 0) fail("getpid returned %ld", ret); break;
	case 1: ret = SC(SYS_gettid); if (ret <= 0) fail("gettid returned %ld", ret); break;
	case 2: SC(SYS_getppid); break;
	case 3: SC(PICK(((const long[]){ SYS_getuid, SYS_getgid, SYS_geteuid, SYS_getegid }))); break;
	case 4: SC(SYS_getpgrp); break;
	case 5: SC(SYS_getpgid, chance(50) ? 0 : nkids ? kids[0].pid : PICK(junk_longs)); break;
	case 6: {
		/* never moves the worker out of its process group */
		long pid = nkids && chance(50) ? kids[rnd(nkids)].pid : chance(50) ? 0 : PICK(junk_longs);
		long pgid = pid == 0 ? raw6(SYS_getpgrp, 0, 0, 0, 0, 0, 0) : chance(50) ? -1 : pid;
		SC(SYS_setpgid, pid, pgid);
		break;
	}
	case 7: {
		unsigned long buf = ptr_out(390, &bad);
		ret = SC(SYS_uname, buf);
		if (bad)
			expect_ret(ret, -EFAULT, "uname into a bad pointer");
		break;
	}
	default: {
		unsigned long buf = ptr_out(112, &bad);
		ret = SC(SYS_sysinfo, buf);
		if (bad)
			expect_ret(ret, -EFAULT, "sysinfo into a bad pointer");
		break;
	}
	}
}

/* getrandom into random buffers with random flags. */
static void op_random(void)
{
	static const long flags[] = { 0, 1, 2, 4, 8, 0x100 };
	int bad;
	unsigned long n = chance(80) ? rnd(512) : pick_count(), buf = ptr_out(n, &bad);
	long f = PICK(flags);
	long ret = SC(SYS_getrandom, buf, n, f);

	if (bad && n && f == 0)
		expect_ret(ret, -EFAULT, "getrandom into a bad pointer");
	if (ret > 0 && (unsigned long)ret > n)
		fail("getrandom returned %ld for %lu bytes", ret, n);
}

/* Signals the worker may receive (children's exits, broken pipes) keep their actions. */
static int protected_signal(int sig)
{
	return sig == SIGCHLD || sig == SIGPIPE || sig == SIGURG || sig == SIGWINCH || sig == SIGCONT;
}

/* rt_sigaction, rt_sigprocmask and sigaltstack with good and bad arguments. */
static void op_signal(void)
{
	int bad;
	long ret;

	switch (rnd(4)) {
	case 0: case 1: {
		long sig = chance(90) ? (long)rnd(66) : PICK(junk_longs);
		unsigned long *act = (unsigned long *)(scratch + 20480);
		unsigned long a;
		long size = chance(95) ? 8 : PICK(junk_longs);
		int act_bad = 0;
		if (chance(40)) {
			a = 0;
		} else if (protected_signal((int)sig) || chance(20)) {
			a = bad_nonnull(0);
			act_bad = 1;
		} else {
			static const unsigned long handlers[] = { 0 /* DFL */, 1 /* IGN */, 0x12345678, ~0UL };
			act[0] = PICK(handlers);
			act[1] = rnd64();	/* flags: the handler never runs */
			act[2] = rnd64();
			act[3] = rnd64();
			a = U(act);
		}
		ret = SC(SYS_rt_sigaction, sig, a, chance(50) ? 0 : ptr_out(32, &bad), size);
		/* Linux checks the size, then reads the action, then the signal */
		if (size != 8)
			expect_ret(ret, -EINVAL, "rt_sigaction with a sigset size other than 8");
		else if (act_bad)
			expect_ret(ret, -EFAULT, "rt_sigaction with a bad action pointer");
		else if ((int)sig <= 0 || (int)sig > 64 || (((int)sig == SIGKILL || (int)sig == SIGSTOP) && a))
			expect_ret(ret, -EINVAL, "rt_sigaction of an invalid signal, or setting SIGKILL/SIGSTOP");
		if (a && !act_bad && (int)sig > 0 && (int)sig < 64)
			sig_touched |= 1UL << (int)sig;	/* even if the old action could not be copied out */
		break;
	}
	case 2: {
		long how = chance(90) ? (long)rnd(3) : PICK(junk_longs), size = chance(95) ? 8 : 4;
		unsigned long *set = (unsigned long *)(scratch + 20600);
		*set = rnd64();
		int set_bad = chance(10);
		unsigned long s = set_bad ? bad_nonnull(0) : chance(30) ? 0 : U(set);
		ret = SC(SYS_rt_sigprocmask, how, s, chance(50) ? 0 : ptr_out(8, &bad), size);
		/* Linux checks the size, then reads the set, then how */
		if (size != 8)
			expect_ret(ret, -EINVAL, "rt_sigprocmask with a sigset size other than 8");
		else if (set_bad)
			expect_ret(ret, -EFAULT, "rt_sigprocmask with a bad set pointer");
		else if (s && ((int)how < 0 || (int)how > 2))
			expect_ret(ret, -EINVAL, "rt_sigprocmask with an invalid how");
		break;
	}
	default: {
		unsigned long *ss = (unsigned long *)(scratch + 20700);
		ss[0] = chance(50) ? scratch : rnd64();
		ss[1] = chance(70) ? rnd(3) : rnd64();
		ss[2] = chance(70) ? 2048 + rnd(65536) : rnd64();
		SC(SYS_sigaltstack, chance(30) ? 0 : chance(80) ? U(ss) : bad_ptr(0), chance(50) ? 0 : ptr_out(24, &bad));
		break;
	}
	}
}

/* prctl, arch_prctl, set_tid_address, rlimits, mount (harmless ones), sync. */
static void op_process(void)
{
	int bad;
	long ret;

	switch (rnd(7)) {
	case 0: {
		static const long options[] = { 41, 42, 15, 16, 3, 4, 37, 36, 39, 30, 2, 0, 1000, -1, 0x7fffffff };
		long opt = PICK(options);
		unsigned long a2 = rnd(3), a3 = chance(90) ? 0 : rnd64();
		if (opt == 15)
			a2 = chance(80) ? U("fuzz-renamed") : bad_ptr(0);
		if (opt == 16 || opt == 37 || opt == 2)
			a2 = ptr_out(16, &bad);
		if (opt == 4)
			a2 = chance(80) ? 1 : rnd(4);	/* PR_SET_DUMPABLE */
		ret = SC(SYS_prctl, opt, a2, a3, 0, 0);
		if (opt == 41 && a3)
			expect_ret(ret, -EINVAL, "prctl(PR_SET_THP_DISABLE) with a non-zero argument");
		if (opt == 42 && ret != 0 && ret != 1 && !a2 && !a3)
			fail("prctl(PR_GET_THP_DISABLE) returned %ld", ret);
		break;
	}
	case 1: {
		static const long codes[] = { 0x1001 /* SET_GS */, 0x1003 /* GET_FS */, 0x1004 /* GET_GS */,
					      0x1011 /* GET_CPUID */, 0x1021 /* GET_XCOMP_SUPP */, 0x1002, 0, 0x9999, -1 };
		long code = PICK(codes);
		unsigned long arg = ptr_out(8, &bad);
		if (code == 0x1001)
			arg = rnd64();
		if (code == 0x1002)
			arg = PICK(((const unsigned long[]){ 0x800000000000UL, 0xffff888000000000UL }));
		ret = SC(SYS_arch_prctl, code, arg);
		if ((code == 0x1003 || code == 0x1004) && bad)
			expect_ret(ret, -EFAULT, "arch_prctl(ARCH_GET_FS/GS) into a bad pointer");
		if (code == 0x1002 && ret == 0)
			fail("arch_prctl(ARCH_SET_FS) accepted non-user address %#lx", arg);
		break;
	}
	case 2:
		SC(SYS_set_tid_address, ptr_out(4, &bad));
		break;
	case 3: {
		long res = chance(80) ? (long)rnd(16) : PICK(junk_longs);
		unsigned long buf = ptr_out(16, &bad);
		ret = SC(SYS_getrlimit, res, buf);
		if ((unsigned int)res < 16 && bad)
			expect_ret(ret, -EFAULT, "getrlimit into a bad pointer");
		if ((unsigned int)res >= 16)
			expect_ret(ret, -EINVAL, "getrlimit of an unknown resource");
		break;
	}
	case 4: {
		/* reads, or sets a limit to what it already is */
		long res = chance(80) ? (long)rnd(16) : PICK(junk_longs);
		unsigned long *cur = (unsigned long *)(scratch + 20800), newp = 0;
		long pid = chance(70) ? 0 : raw6(SYS_getpid, 0, 0, 0, 0, 0, 0);
		if (res >= 0 && res < 16 && chance(30) &&
		    raw6(SYS_prlimit64, 0, res, 0, U(cur), 0, 0) == 0)
			newp = U(cur);
		else if (chance(20))
			newp = bad_ptr(0);
		SC(SYS_prlimit64, pid, res, newp, ptr_out(16, &bad));
		break;
	}
	case 5: {
		/* mount: a no-op on thpkernel; on Linux never one that would succeed */
		static const char *const types[] = { "proc", "sysfs", "nosuchfs", "tmpfs" };
		static const char *const dirs[] = { "/proc", "/sys", "/nonexistent/x", "/bin/true" };
		unsigned long type = U(thpk ? PICK(types) : "nosuchfs"), dir = U(PICK(dirs));
		if (chance(20))
			type = bad_ptr(0);
		if (chance(10))
			dir = bad_ptr(0);
		SC(SYS_mount, chance(80) ? U("none") : bad_ptr(0), dir, chance(10) ? 0 : type, 0, 0);
		break;
	}
	default:
		if (chance(10))
			SC(SYS_sync);
		else
			SC(SYS_sched_yield);
		break;
	}
}

/* Calls thpkernel does not have (and Linux answers harmlessly), and numbers no kernel has. */
static void op_unimplemented(void)
{
	int bad;
	long ret;

	switch (rnd(10)) {
	case 0: SC(SYS_getrusage, chance(80) ? 0 : PICK(junk_longs), ptr_out(144, &bad)); break;
	case 1: SC(SYS_times, chance(30) ? 0 : ptr_out(32, &bad)); break;
	case 2: {
		unsigned long a = arena_addr(), len = arena_len(a);
		SC(SYS_mincore, a, len, ptr_out(len / PAGE_SIZE + 1, &bad));
		break;
	}
	case 3: {
		unsigned long a = arena_addr();
		SC(SYS_msync, a, arena_len(a), PICK(((const long[]){ 1, 4, 2, 6, 8 })));
		break;
	}
	case 4: {
		unsigned long n = PICK(((const unsigned long[]){ 8, 128, 0, 3 }));
		SC(SYS_sched_getaffinity, 0, n, ptr_out(n, &bad));
		break;
	}
	case 5: SC(SYS_statfs, pick_path(0).addr, ptr_out(120, &bad)); break;
	case 6: SC(PICK(((const long[]){ SYS_fstatfs, SYS_fsync, SYS_fdatasync })), pick_fd(), ptr_out(120, &bad)); break;
	case 7: SC(SYS_getitimer, rnd(4), ptr_out(32, &bad)); break;
	case 8: SC(SYS_statx, AT_FDCWD, pick_path(0).addr, 0, 0x7ff, ptr_out(256, &bad)); break;
	default: {
		static const long nrs[] = { 1000, 4096, 0x7fffffff, -1, 0x12345 };
		long nr = PICK(nrs);
		ret = SC(nr, rnd64(), rnd64(), rnd64());
		expect_ret(ret, -ENOSYS, "a system call number no kernel has");
		break;
	}
	}
}

/* ---- the worker ----------------------------------------------------------------- */

struct op {
	void (*fn)(void);
	int weight;
	const char *name;
};
#define OP(name, weight) { op_##name, weight, #name }

static const struct op ops[] = {
	OP(touch, 12), OP(verify_all, 2), OP(thp_fault, 5), OP(collapse, 2), OP(mmap, 7),
	OP(munmap, 4), OP(mprotect, 5), OP(madvise, 10), OP(mremap, 1), OP(mincore, 1), OP(brk, 2), OP(fork, 3),
	OP(clone, 2), OP(wait, 3), OP(kill, 1), OP(open, 5), OP(close, 4), OP(read, 5),
	OP(write, 4), OP(lseek, 2), OP(stat, 3), OP(getdents, 2), OP(pipe, 2), OP(pipe_data, 3),
	OP(dup, 3), OP(fcntl, 2), OP(ioctl, 2), OP(poll, 2), OP(ftruncate, 1), OP(fs, 4),
	OP(proc_read, 3), OP(knob, 2), OP(time, 3), OP(ids, 3), OP(random, 1), OP(signal, 3),
	OP(process, 3), OP(unimplemented, 2),
};
static const char *ops_only;	/* -o: the names of the ops to run, comma-separated */

/* An op's weight, 0 when -o left it out. */
static int op_weight(const struct op *o)
{
	size_t n = strlen(o->name);

	if (!ops_only)
		return o->weight;
	for (const char *p = ops_only; (p = strstr(p, o->name)); p += n)
		if ((p == ops_only || p[-1] == ',') && (p[n] == ',' || !p[n]))
			return o->weight;
	return 0;
}

/* Runs one op chosen by weight. */
static void one_op(void)
{
	static int total;
	int r;

	if (!total)
		for (size_t i = 0; i < ARRAY_SIZE(ops); i++)
			total += op_weight(&ops[i]);
	r = rnd(total);
	for (size_t i = 0; i < ARRAY_SIZE(ops); i++) {
		if (r < op_weight(&ops[i])) {
			ops[i].fn();
			return;
		}
		r -= op_weight(&ops[i]);
	}
}

/* Maps what the worker needs outside the arena: scratch + guard, strings, a read-only
 * page and a PROT_NONE page; and the arena, with a PROT_NONE page on each side. */
static int setup_memory(void)
{
	size_t len = SCRATCH + PAGE_SIZE + STR_PAGES * PAGE_SIZE + 2 * PAGE_SIZE;
	char *m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (m == MAP_FAILED)
		return -1;
	scratch = U(m);
	strs = scratch + SCRATCH + PAGE_SIZE;
	ro_page = strs + STR_PAGES * PAGE_SIZE;
	none_page = ro_page + PAGE_SIZE;
	memset((void *)ro_page, 'a', PAGE_SIZE);
	if (mprotect((void *)(scratch + SCRATCH), PAGE_SIZE, PROT_NONE) ||
	    mprotect((void *)ro_page, PAGE_SIZE, PROT_READ) || mprotect((void *)none_page, PAGE_SIZE, PROT_NONE))
		return -1;
	char *a = mmap(NULL, ARENA + HPAGE_SIZE + 2 * PAGE_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (a == MAP_FAILED)
		return -1;
	arena = (U(a) + PAGE_SIZE + HPAGE_SIZE - 1) & ~(HPAGE_SIZE - 1);
	if (mprotect((void *)(arena - PAGE_SIZE), PAGE_SIZE, PROT_NONE) ||
	    mprotect((void *)(arena + ARENA), PAGE_SIZE, PROT_NONE))
		return -1;
	if (arena - PAGE_SIZE > U(a))
		munmap(a, arena - PAGE_SIZE - U(a));
	unsigned long top = U(a) + ARENA + HPAGE_SIZE + 2 * PAGE_SIZE;
	if (arena + ARENA + PAGE_SIZE < top)
		munmap((void *)(arena + ARENA + PAGE_SIZE), top - (arena + ARENA + PAGE_SIZE));
	for (unsigned long i = 0; i < ARENA_PAGES; i++) {
		pmap[i] = M_MAPPED | M_R | M_W;
		pcont[i] = C_ZERO;
	}
	return 0;
}

/* Descriptors: 0-2 become /dev/null (reading the console would wait forever), every
 * other inherited one is closed, and -v keeps the console as TRACE_FD. Without
 * /dev/null (a Linux initramfs with no devtmpfs), 0 is a pipe's read end whose writer
 * is closed (end of file) and 1, 2 a write end whose reader is closed (EPIPE). */
static int setup_fds(void)
{
	int p[2];

	if (verbose && raw6(SYS_dup2, 1, TRACE_FD, 0, 0, 0, 0) != TRACE_FD)
		return -1;
	for (int fd = 0; fd < 1024; fd++)
		if (fd != TRACE_FD || !verbose)
			raw6(SYS_close, fd, 0, 0, 0, 0, 0);
	if (raw6(SYS_open, U("/dev/null"), O_RDWR, 0, 0, 0, 0) == 0) {
		if (raw6(SYS_dup, 0, 0, 0, 0, 0, 0) != 1 || raw6(SYS_dup, 0, 0, 0, 0, 0, 0) != 2)
			return -1;
	} else {
		if (raw6(SYS_pipe, U(p), 0, 0, 0, 0, 0) || p[0] != 0 || p[1] != 1 ||
		    raw6(SYS_pipe, U(p), 0, 0, 0, 0, 0) || p[0] != 2 || p[1] != 3 ||
		    raw6(SYS_close, 1, 0, 0, 0, 0, 0) || raw6(SYS_dup2, 3, 1, 0, 0, 0, 0) != 1 ||
		    raw6(SYS_close, 2, 0, 0, 0, 0, 0) || raw6(SYS_dup2, 3, 2, 0, 0, 0, 0) != 2 ||
		    raw6(SYS_close, 3, 0, 0, 0, 0, 0))
			return -1;
	}
	for (int fd = 0; fd < 3; fd++)
		fd_track(fd, FD_OTHER, 0);
	return 0;
}

/* Worker w: per_worker calls, then its children reaped and its arena checked.
 * Exits 0, 1 (problems reported) or 2 (could not set up). */
static __attribute__((noreturn)) void worker_main(int w)
{
	wid = w;
	st = shared_st = &status_all[w];
	rng = splitmix(seed_arg * 0x9E3779B97F4A7C15ULL + w + 1) | 1;
	stamp_salt = splitmix(rng);
	signal(SIGPIPE, SIG_IGN);
	if (setup_memory() || setup_fds()) {
		fail("worker setup failed");
		_exit(2);
	}
	setup_paths();
	raw6(SYS_mkdir, scratch_dir, 0755, 0, 0, 0, 0);
	while (st->calls < per_worker && st->nfail < MAX_FAILS)
		one_op();
	reap_all();
	op_verify_all();
	_exit(st->nfail ? 1 : 0);
}

/* ---- the master ------------------------------------------------------------------- */

static const char *const knob_names[] = {
	"enabled", "defrag", "use_zero_page", "khugepaged/pages_to_scan",
	"khugepaged/scan_sleep_millisecs", "khugepaged/alloc_sleep_millisecs",
	"khugepaged/max_ptes_none", "khugepaged/max_ptes_swap", "khugepaged/max_ptes_shared",
	"khugepaged/defrag",
};
static char knob_saved[ARRAY_SIZE(knob_names)][64];

/* Puts back every knob a worker changed. Returns how many could not be put back. */
static int restore_knobs(int *changed)
{
	char now[64], path[160];
	int failed = 0;

	*changed = 0;
	for (size_t i = 0; i < ARRAY_SIZE(knob_names); i++) {
		if (!knob_saved[i][0] || !thp_get(knob_names[i], now, sizeof(now)) || !strcmp(now, knob_saved[i]))
			continue;
		(*changed)++;
		snprintf(path, sizeof(path), "/sys/kernel/mm/transparent_hugepage/%s", knob_names[i]);
		write_file(path, knob_saved[i]);
		if (!thp_get(knob_names[i], now, sizeof(now)) || strcmp(now, knob_saved[i])) {
			printf("fuzz: FAIL could not put %s back to \"%s\" (it is \"%s\")\n", knob_names[i],
			       knob_saved[i], now);
			failed++;
		}
	}
	return failed;
}

/* Removes what the workers may have left in their scratch directories. */
static void remove_scratch(int w)
{
	static const char *const files[] = { "d0/f0", "f0", "f1", "f2", "f3" };
	static const char *const dirs[] = { "d0/d0", "d0", "d1" };
	char dir[96], path[160];

	scratch_dir_name(dir, sizeof(dir), w);
	for (size_t i = 0; i < ARRAY_SIZE(files); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		unlink(path);
		rmdir(path);
	}
	for (size_t i = 0; i < ARRAY_SIZE(dirs); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, dirs[i]);
		unlink(path);
		rmdir(path);
	}
	if (rmdir(dir) && errno == ENOTDIR)
		unlink(dir);	/* a worker removed the directory and made a file of that name */
	if (access(dir, F_OK) == 0)
		printf("fuzz: note: could not remove %s\n", dir);
}

struct mem_snap {
	long free_pages, anon_kb, pagetables_kb, slab_kb, stack_kb;
};

/* The memory counters the leak check compares. */
static void mem_snapshot(struct mem_snap *m)
{
	m->free_pages = vmstat("nr_free_pages");
	m->anon_kb = meminfo_kb("AnonPages");
	m->pagetables_kb = meminfo_kb("PageTables");
	m->slab_kb = meminfo_kb("Slab");
	m->stack_kb = meminfo_kb("KernelStack");
}

/* 1 when b is back at a: AnonPages, PageTables exact, nr_free_pages within FREE_SLACK. */
static int mem_back(const struct mem_snap *a, const struct mem_snap *b)
{
	long d = b->free_pages - a->free_pages;

	return a->anon_kb == b->anon_kb && a->pagetables_kb == b->pagetables_kb && d >= -FREE_SLACK && d <= FREE_SLACK;
}

/* Touches what the master uses after the baseline (stack depth, static buffers, the huge
 * zero page that the first THP read fault allocates for good), so that its own first
 * touches are not counted as a leak. */
static void warm_up(void)
{
	volatile char pad[64 * 1024];
	char text[64];

	for (size_t i = 0; i < sizeof(pad); i += PAGE_SIZE)
		pad[i] = 0;
	struct mem_snap m;
	mem_snapshot(&m);
	thp_get("enabled", text, sizeof(text));
	read_file("/sys/kernel/debug/thp/check", text, sizeof(text));
	char *p = mmap(NULL, 2 * HPAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p != MAP_FAILED) {
		char *h = (char *)((U(p) + HPAGE_SIZE - 1) & ~(HPAGE_SIZE - 1));
		madvise(h, HPAGE_SIZE, MADV_HUGEPAGE);
		(void)*(volatile char *)h;
		munmap(p, 2 * HPAGE_SIZE);
	}
	printf("%s", "");
	fflush(stdout);
}

/* Lists the processes other than this one (a zombie nobody reaps keeps its memory). */
static void print_processes(void)
{
	char path[64], text[256];
	DIR *d = opendir("/proc");
	struct dirent *e;

	if (!d)
		return;
	printf("fuzz: processes besides this one:");
	while ((e = readdir(d))) {
		int pid = atoi(e->d_name);
		if (pid <= 0 || pid == getpid())
			continue;
		snprintf(path, sizeof(path), "/proc/%d/stat", pid);
		if (read_file(path, text, sizeof(text)) > 0) {
			text[strcspn(text, "\n")] = 0;
			char *end = strrchr(text, ')');
			if (end)
				end[3] = 0;	/* "pid (comm) S" */
			printf(" [%s]", text);
		}
	}
	printf("\n");
	closedir(d);
}

/* Prints a worker's last calls (and the one in progress, if any). */
static void print_ring(const struct worker_status *s)
{
	char line[200];
	unsigned long first = s->calls > RING - 1 ? s->calls - (RING - 1) : 0;

	printf("  its last calls:\n");
	for (unsigned long c = first; c <= s->calls; c++) {
		const struct call_rec *r = &s->ring[c % RING];
		if (r->seq != c || (c == s->calls && !s->busy))
			continue;
		format_call(line, sizeof(line), r);
		printf("    %s\n", line);
	}
}

/* Prints how many calls of each system call succeeded and failed. */
static void print_coverage(void)
{
	int col = 0;

	printf("fuzz: calls per system call (succeeded/failed):\n");
	for (int nr = 0; nr < NR_STATS; nr++) {
		unsigned long ok = 0, err = 0;
		for (int w = 0; w < nprocs; w++) {
			ok += status_all[w].ok[nr];
			err += status_all[w].err[nr];
		}
		if (!ok && !err)
			continue;
		printf("%s%s %lu/%lu", col ? ", " : "  ", nr == NR_STATS - 1 ? "others" : sys_name(nr), ok, err);
		if (++col == 6) {
			printf("\n");
			col = 0;
		}
	}
	if (col)
		printf("\n");
}

/* The command line and the op names for -o. */
static int usage(void)
{
	printf("usage: fuzz [-v] [-w WORKER] [-o OP,OP...] SEED CALLS [PROCS]\nops:");
	for (size_t i = 0; i < ARRAY_SIZE(ops); i++)
		printf(" %s", ops[i].name);
	printf("\n");
	return 2;
}

int main(int argc, char **argv)
{
	int only = -1, argi = 1;
	unsigned long calls;

	while (argi < argc && argv[argi][0] == '-') {
		if (!strcmp(argv[argi], "-v"))
			verbose = 1;
		else if (!strcmp(argv[argi], "-w") && argi + 1 < argc)
			only = atoi(argv[++argi]);
		else if (!strcmp(argv[argi], "-o") && argi + 1 < argc)
			ops_only = argv[++argi];
		else
			return usage();
		argi++;
	}
	if (argc - argi < 2 || argc - argi > 3)
		return usage();
	seed_arg = strtoul(argv[argi], NULL, 0);
	calls = strtoul(argv[argi + 1], NULL, 0);
	nprocs = argc - argi == 3 ? atoi(argv[argi + 2]) : 4;
	if (nprocs < 1 || nprocs > MAX_PROCS || calls < 1 || only >= nprocs)
		return usage();
	if (ops_only) {
		int any = 0;
		for (size_t i = 0; i < ARRAY_SIZE(ops); i++)
			any |= op_weight(&ops[i]) > 0;
		if (!any)
			return usage();
	}
	per_worker = (calls + nprocs - 1) / nprocs;

	if (getpid() == 1) {
		mount("proc", "/proc", "proc", 0, NULL);
		mount("sysfs", "/sys", "sysfs", 0, NULL);
	}
	master_pid = getpid();
	thpk = is_thpkernel();
	knobs_full = thpk || meminfo_kb("MemTotal") <= 2 * 1024 * 1024;
	for (size_t i = 0; i < ARRAY_SIZE(knob_names); i++)
		if (!thp_get(knob_names[i], knob_saved[i], sizeof(knob_saved[i])))
			knob_saved[i][0] = 0;
	status_all = mmap(NULL, sizeof(*status_all) * nprocs, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (status_all == MAP_FAILED) {
		printf("fuzz: mmap of the shared status: %s\n", errno_name(errno));
		return 2;
	}
	memset(status_all, 0, sizeof(*status_all) * nprocs);
	char wopt[24] = "";
	if (only >= 0)
		snprintf(wopt, sizeof(wopt), "-w %d ", only);
	printf("fuzz: seed %lu, %lu calls in %d workers (%lu each)%s%s; replay: fuzz %s%s%s%s%lu %lu %d\n",
	       seed_arg, per_worker * nprocs, nprocs, per_worker, only >= 0 ? ", only this worker" : "",
	       ops_only ? ", only these ops" : "", wopt, ops_only ? "-o " : "", ops_only ? ops_only : "",
	       ops_only ? " " : "", seed_arg, calls, nprocs);
	if (ops_only)
		printf("fuzz: ops: %s\n", ops_only);
	fflush(stdout);
	warm_up();
	struct mem_snap before, after = { 0 };
	mem_snapshot(&before);
	long t0 = now_ms();

	pid_t pids[MAX_PROCS] = { 0 };
	int wstatus[MAX_PROCS], alive = 0;
	unsigned long last_calls[MAX_PROCS] = { 0 };
	long last_progress[MAX_PROCS];
	for (int w = 0; w < nprocs; w++) {
		wstatus[w] = -1;
		last_progress[w] = t0;
		if (only >= 0 && w != only)
			continue;
		pid_t pid = fork();
		if (pid == 0)
			worker_main(w);
		if (pid < 0) {
			printf("fuzz: fork of worker %d: %s\n", w, errno_name(errno));
			continue;
		}
		pids[w] = pid;
		alive++;
	}
	int hung[MAX_PROCS] = { 0 }, wall = __WALL;
	while (alive) {
		int s;
		pid_t pid = waitpid(-1, &s, WNOHANG | wall);
		if (pid < 0 && errno == EINVAL && wall) {
			wall = 0;
			continue;
		}
		if (pid > 0) {
			for (int w = 0; w < nprocs; w++)
				if (pids[w] == pid) {
					wstatus[w] = s;
					pids[w] = 0;
					alive--;
				}
			continue;	/* anything else: a worker's orphan or CLONE_PARENT child */
		}
		if (pid < 0 && errno == ECHILD)
			break;
		sleep_ms(100);
		long now = now_ms();
		for (int w = 0; w < nprocs; w++) {
			if (!pids[w])
				continue;
			if (status_all[w].calls != last_calls[w]) {
				last_calls[w] = status_all[w].calls;
				last_progress[w] = now;
			} else if (!hung[w] && now - last_progress[w] > STALL_S * 1000) {
				hung[w] = 1;
				printf("fuzz: FAIL worker %d made no progress for %d s (a hang); killing it\n", w, STALL_S);
				print_ring(&status_all[w]);
				fflush(stdout);
				kill(pids[w], SIGKILL);
			} else if (hung[w] && now - last_progress[w] > (STALL_S + 30) * 1000) {
				printf("fuzz: FAIL worker %d does not die of SIGKILL: stuck in the kernel\n", w);
				pids[w] = 0;
				alive--;
			}
		}
	}
	long elapsed = now_ms() - t0;
	for (int tries = 0; tries < 50 && waitpid(-1, NULL, WNOHANG | wall) >= 0; tries++)
		sleep_ms(20);

	int changed = 0, failed = restore_knobs(&changed);
	for (int w = 0; w < nprocs; w++)
		if (only < 0 || w == only)
			remove_scratch(w);
	int mem_ok = 1, check_ok = 1;
	static char check[2048];
	if (thpk) {
		for (int tries = 0; tries < 20; tries++) {
			while (waitpid(-1, NULL, WNOHANG | wall) > 0)
				;
			mem_snapshot(&after);
			if ((mem_ok = mem_back(&before, &after)))
				break;
			sleep_ms(100);
		}
		if (read_file("/sys/kernel/debug/thp/check", check, sizeof(check)) >= 0)
			check_ok = !strcmp(check, "ok\n");
		else
			check[0] = 0;
	}

	unsigned long total = 0;
	for (int w = 0; w < nprocs; w++) {
		struct worker_status *s = &status_all[w];
		int ws = wstatus[w];
		total += s->calls;
		if (only >= 0 && w != only)
			continue;
		int bad = s->nfail || hung[w] || ws == -1 || !WIFEXITED(ws) || WEXITSTATUS(ws) != 0 ||
			  s->calls < per_worker;
		if (!bad)
			continue;
		failed++;
		printf("fuzz: FAIL worker %d (replay: fuzz -w %d%s%s %lu %lu %d): ", w, w, ops_only ? " -o " : "",
		       ops_only ? ops_only : "", seed_arg, calls, nprocs);
		if (hung[w])
			printf("hung\n");
		else if (ws == -1)
			printf("no exit status\n");
		else if (WIFSIGNALED(ws))
			printf("killed by signal %d after %lu calls\n", WTERMSIG(ws), s->calls);
		else if (s->nfail)
			printf("%d problem%s\n", s->nfail, s->nfail > 1 ? "s" : "");
		else if (WEXITSTATUS(ws))
			printf("exited %d\n", WEXITSTATUS(ws));
		else
			printf("ended after %lu of %lu calls\n", s->calls, per_worker);
		for (int i = 0; i < s->nfail && i < MAX_FAILS; i++)
			printf("  %s\n", s->fail[i]);
		if (!hung[w] && (s->nfail || ws == -1 || WIFSIGNALED(ws)))
			print_ring(s);
	}
	print_coverage();
	unsigned long words = 0, kids = 0, huge = 0, pipe_bytes = 0;
	for (int w = 0; w < nprocs; w++) {
		words += status_all[w].words_checked;
		kids += status_all[w].children;
		huge += status_all[w].huge_writes;
		pipe_bytes += status_all[w].pipe_bytes;
	}
	printf("fuzz: %lu calls in %ld.%01ld s; %lu data words checked, %lu children, %lu 2 MiB units written, "
	       "%lu bytes through pipes; THP knobs put back: %d\n", total, elapsed / 1000, elapsed % 1000 / 100,
	       words, kids, huge, pipe_bytes, changed);
	if (thpk) {
		printf("fuzz: memory before/after: nr_free_pages %ld/%ld (%+ld), AnonPages %ld/%ld kB, PageTables %ld/%ld kB, "
		       "Slab %ld/%ld kB, KernelStack %ld/%ld kB\n", before.free_pages, after.free_pages,
		       after.free_pages - before.free_pages, before.anon_kb, after.anon_kb, before.pagetables_kb,
		       after.pagetables_kb, before.slab_kb, after.slab_kb, before.stack_kb, after.stack_kb);
		if (!mem_ok) {
			printf("fuzz: FAIL memory did not come back to its baseline (AnonPages and PageTables exact, "
			       "nr_free_pages within %d pages)\n", FREE_SLACK);
			print_processes();
			failed++;
		}
		if (check[0]) {
			for (char *c = check; *c; c++)
				if (*c == '\n' && c[1])
					*c = ';';
			printf("fuzz: kernel self-check: %s%s", check_ok ? "" : "FAIL ", check);
			failed += !check_ok;
		}
	}
	printf("fuzz: %s seed %lu\n", failed ? "FAIL" : "PASS", seed_arg);
	fflush(stdout);
	if (getpid() == 1 && !thpk)
		reboot(RB_POWER_OFF);
	return failed ? 1 : 0;
}
