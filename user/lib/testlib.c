/* testlib: helpers for the in-guest tests and their runner (see testlib.h for the
 * contracts). Only the syscalls thpkernel offers are used: no threads, no signal
 * handlers, no alarm. */
#include "testlib.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>

int test_failures;

/* ---- results ------------------------------------------------------------ */

const char *test_name(void)
{
	return program_invocation_short_name;
}

void test_report(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	const char *base = strrchr(file, '/');
	printf("%s: %s:%d: ", test_name(), base ? base + 1 : file, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	test_failures++;
}

void test_done(void)
{
	fflush(stdout);
	exit(test_failures ? 1 : 0);
}

void test_skip(const char *fmt, ...)
{
	va_list ap;

	printf("SKIP: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	exit(test_failures ? 1 : TEST_SKIP);   /* a skip after a failed check is a failure */
}

static int word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

int has_word(const char *text, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = text; (p = strstr(p, word)); p++)
		if ((p == text || !word_char(p[-1])) && !word_char(p[n]))
			return 1;
	return 0;
}

const char *errno_name(int err)
{
	static const struct { int e; const char *name; } names[] = {
		{ EPERM, "EPERM" }, { ENOENT, "ENOENT" }, { ESRCH, "ESRCH" },
		{ EINTR, "EINTR" }, { EIO, "EIO" }, { ENOEXEC, "ENOEXEC" },
		{ EBADF, "EBADF" }, { ECHILD, "ECHILD" }, { EAGAIN, "EAGAIN" },
		{ ENOMEM, "ENOMEM" }, { EACCES, "EACCES" }, { EFAULT, "EFAULT" },
		{ EBUSY, "EBUSY" }, { EEXIST, "EEXIST" }, { ENOTDIR, "ENOTDIR" },
		{ EISDIR, "EISDIR" }, { EINVAL, "EINVAL" }, { EMFILE, "EMFILE" },
		{ ENOTTY, "ENOTTY" }, { ENOSPC, "ENOSPC" }, { ESPIPE, "ESPIPE" },
		{ EROFS, "EROFS" }, { EPIPE, "EPIPE" }, { ERANGE, "ERANGE" },
		{ ENOSYS, "ENOSYS" }, { ENAMETOOLONG, "ENAMETOOLONG" },
		{ EOPNOTSUPP, "EOPNOTSUPP" },
	};
	static char other[24];

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].e == err)
			return names[i].name;
	snprintf(other, sizeof(other), "errno %d", err);
	return other;
}

/* ---- the system we run on ---------------------------------------------- */

static struct utsname *uts(void)
{
	static struct utsname u;
	static int done;

	if (!done) {
		uname(&u);
		done = 1;
	}
	return &u;
}

int is_thpkernel(void)
{
	return strstr(uts()->release, "thpkernel") != NULL;
}

int kernel_at_least(int major, int minor)
{
	int ma = 0, mi = 0;

	if (is_thpkernel())
		return 1;
	sscanf(uts()->release, "%d.%d", &ma, &mi);
	return ma > major || (ma == major && mi >= minor);
}

const char *tests_dir(void)
{
	const char *d = getenv("TESTS_DIR");

	return d && *d ? d : "/bin/tests";
}

void skip_unless_small_memory(void)
{
	long total = meminfo_kb("MemTotal");

	if (total > 2 * 1024 * 1024)
		test_skip("MemTotal is %ld MiB; this test is written for a guest of at most 2 GiB",
			  total / 1024);
}

/* ---- files ----------------------------------------------------------------- */

long read_file(const char *path, char *buf, size_t size)
{
	size_t len = 0;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -errno;
	while (len + 1 < size) {
		ssize_t n = read(fd, buf + len, size - 1 - len);
		if (n < 0) {
			int e = errno;
			close(fd);
			return -e;
		}
		if (n == 0)
			break;
		len += n;
	}
	buf[len] = 0;
	close(fd);
	return len;
}

char *read_file_alloc(const char *path)
{
	size_t cap = 16384, len = 0;
	char *buf = malloc(cap);
	int fd = open(path, O_RDONLY);

	if (fd < 0 || !buf) {
		int e = errno;
		free(buf);
		if (fd >= 0)
			close(fd);
		errno = e;
		return NULL;
	}
	for (;;) {
		if (cap - len < 4096) {   /* grow by hand: musl's realloc would use mremap */
			char *bigger = malloc(cap * 2);
			if (!bigger)
				break;
			memcpy(bigger, buf, len);
			free(buf);
			buf = bigger;
			cap *= 2;
		}
		ssize_t n = read(fd, buf + len, cap - 1 - len);
		if (n <= 0)
			break;
		len += n;
	}
	buf[len] = 0;
	close(fd);
	return buf;
}

int write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, s, strlen(s));
	if (n < 0) {
		int e = errno;
		close(fd);
		return -e;
	}
	close(fd);
	return n == (ssize_t)strlen(s) ? 0 : -EIO;
}

/* ---- counters -------------------------------------------------------------- */

/* Finds "name<sep>" at the start of a line of text and returns the number after it. */
static long line_value(const char *text, const char *name, char sep)
{
	size_t n = strlen(name);

	for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (!strncmp(p, name, n) && p[n] == sep)
			return strtol(p + n + 1, NULL, 10);
	return -1;
}

long vmstat(const char *name)
{
	static char buf[32768];

	if (read_file("/proc/vmstat", buf, sizeof(buf)) < 0)
		return -1;
	return line_value(buf, name, ' ');
}

long meminfo_kb(const char *name)
{
	static char buf[8192];

	if (read_file("/proc/meminfo", buf, sizeof(buf)) < 0)
		return -1;
	return line_value(buf, name, ':');
}

long free_pages_now(void)
{
	char *text = read_file_alloc("/proc/zoneinfo");
	long pages = vmstat("nr_free_pages"), n;

	for (char *l = text; l && (l = strstr(l, "count:")); l += 6)
		if (sscanf(l, "count: %ld", &n) == 1)
			pages += n;
	free(text);
	return pages;
}

/* ---- smaps and maps -------------------------------------------------------- */

/* A VMA of an smaps/maps text: its range and the text of its field lines. */
struct vma_text {
	unsigned long start, end;
	const char *header, *body, *body_end;
};

static int is_header(const char *line)
{
	return (*line >= '0' && *line <= '9') || (*line >= 'a' && *line <= 'f');
}

/* Parses the VMA whose header line starts at *pos; advances *pos to the next one.
 * Returns 0 at the end of the text. */
static int next_vma(const char **pos, struct vma_text *v)
{
	const char *p = *pos;

	while (*p && !is_header(p)) {
		p = strchr(p, '\n');
		if (!p)
			return 0;
		p++;
	}
	if (!*p || sscanf(p, "%lx-%lx", &v->start, &v->end) != 2)
		return 0;
	v->header = p;
	p = strchr(p, '\n');
	p = p ? p + 1 : v->header + strlen(v->header);
	v->body = p;
	while (*p && !is_header(p)) {
		const char *nl = strchr(p, '\n');
		p = nl ? nl + 1 : p + strlen(p);
	}
	v->body_end = p;
	*pos = p;
	return 1;
}

/* The number after "field:" in a VMA's body, or -1. */
static long vma_field(const struct vma_text *v, const char *field)
{
	size_t n = strlen(field);

	for (const char *p = v->body; p < v->body_end; ) {
		if (!strncmp(p, field, n) && p[n] == ':')
			return strtol(p + n + 1, NULL, 10);
		const char *nl = strchr(p, '\n');
		if (!nl)
			break;
		p = nl + 1;
	}
	return -1;
}

static char *smaps_text(pid_t pid)
{
	char path[64];

	if (pid)
		snprintf(path, sizeof(path), "/proc/%d/smaps", (int)pid);
	else
		snprintf(path, sizeof(path), "/proc/self/smaps");
	return read_file_alloc(path);
}

long smaps_field(pid_t pid, const void *addr, const char *field)
{
	char *text = smaps_text(pid);
	const char *pos = text;
	struct vma_text v;
	long val = -1;

	if (!text)
		return -1;
	while (next_vma(&pos, &v))
		if ((unsigned long)addr >= v.start && (unsigned long)addr < v.end) {
			val = vma_field(&v, field);
			break;
		}
	free(text);
	return val;
}

long smaps_kb(const void *addr, const char *field)
{
	return smaps_field(0, addr, field);
}

long smaps_sum(pid_t pid, const void *addr, size_t len, const char *field)
{
	unsigned long lo = (unsigned long)addr, hi = lo + len;
	char *text = smaps_text(pid);
	const char *pos = text;
	struct vma_text v;
	long sum = 0;

	if (!text)
		return -1;
	while (next_vma(&pos, &v))
		if (v.start < hi && v.end > lo) {
			long f = vma_field(&v, field);
			if (f > 0)
				sum += f;
		}
	free(text);
	return sum;
}

int smaps_thp_eligible(const void *addr)
{
	return smaps_field(0, addr, "THPeligible");
}

/* The text after "field:" of the VMA containing addr, blanks trimmed, into buf. */
static const char *smaps_line(const void *addr, const char *field, char *buf, size_t size)
{
	char *text = smaps_text(0);
	const char *pos = text;
	size_t flen = strlen(field);
	struct vma_text v;

	buf[0] = 0;
	if (!text)
		return buf;
	while (next_vma(&pos, &v)) {
		if ((unsigned long)addr < v.start || (unsigned long)addr >= v.end)
			continue;
		for (const char *p = v.body; p < v.body_end; ) {
			const char *nl = strchr(p, '\n');
			size_t n = nl ? (size_t)(nl - p) : strlen(p);
			if (!strncmp(p, field, flen) && p[flen] == ':') {
				p += flen + 1;
				n -= flen + 1;
				while (n && *p == ' ') {
					p++;
					n--;
				}
				if (n >= size)
					n = size - 1;
				memcpy(buf, p, n);
				buf[n] = 0;
				while (n && buf[n - 1] == ' ')
					buf[--n] = 0;
				break;
			}
			if (!nl)
				break;
			p = nl + 1;
		}
		break;
	}
	free(text);
	return buf;
}

const char *smaps_vmflags(const void *addr)
{
	static char flags[128];

	return smaps_line(addr, "VmFlags", flags, sizeof(flags));
}

const char *smaps_string(const void *addr, const char *field)
{
	static char value[128];

	return smaps_line(addr, field, value, sizeof(value));
}

int has_vmflag(const void *addr, const char *flag)
{
	const char *flags = smaps_vmflags(addr);

	for (const char *p = flags; *p; ) {
		if (!strncmp(p, flag, 2) && (p[2] == ' ' || p[2] == 0))
			return 1;
		p = strchr(p, ' ');
		if (!p)
			break;
		p++;
	}
	return 0;
}

int maps_count(const void *addr, size_t len)
{
	unsigned long lo = (unsigned long)addr, hi = lo + len;
	char *text = read_file_alloc("/proc/self/maps");
	const char *pos = text;
	struct vma_text v;
	int count = 0;

	if (!text)
		return -1;
	while (next_vma(&pos, &v))
		if (!len || (v.start < hi && v.end > lo))
			count++;
	free(text);
	return count;
}

int maps_find(const void *addr, unsigned long *start, unsigned long *end, char perms[5])
{
	char *text = read_file_alloc("/proc/self/maps");
	const char *pos = text;
	struct vma_text v;
	int found = 0;

	if (!text)
		return 0;
	while (next_vma(&pos, &v))
		if ((unsigned long)addr >= v.start && (unsigned long)addr < v.end) {
			*start = v.start;
			*end = v.end;
			if (perms)
				sscanf(v.header, "%*x-%*x %4s", perms);
			found = 1;
			break;
		}
	free(text);
	return found;
}

long huge_pmd_mappings(void)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	long kb = 0;

	if (!d)
		return -1;
	while ((e = readdir(d))) {
		if (e->d_name[0] < '1' || e->d_name[0] > '9')
			continue;
		long s = smaps_sum(atoi(e->d_name), 0, ~0UL, "AnonHugePages");
		if (s > 0)
			kb += s;
	}
	closedir(d);
	return kb / HPAGE_KB;
}

/* ---- thpkernel's own interfaces (absent on Linux) ------------------------- */

void check_deposited(const char *when)
{
	if (!is_thpkernel())
		return;
	/* anonymous THPs (AnonHugePages) plus mappings of the huge zero page,
	 * which a read fault maps and which gets a deposited table too. The
	 * counts are read one after the other while khugepaged may collapse
	 * meanwhile: take a snapshot that the counter brackets unchanged. */
	long deposited, huge;
	for (int tries = 0; ; tries++) {
		deposited = vmstat("nr_pgtable_deposited");
		huge = huge_pmd_mappings() + vmstat("nr_huge_zero_pmds");
		if (vmstat("nr_pgtable_deposited") == deposited || tries >= 20)
			break;
	}
	EXPECT(deposited == huge, "%s: expected nr_pgtable_deposited == huge PMD mappings (%ld), saw %ld",
	       when, huge, deposited);
}

long scan_result(const char *name)
{
	static char buf[4096];

	if (read_file("/sys/kernel/mm/transparent_hugepage/khugepaged/scan_results", buf, sizeof(buf)) < 0)
		return -1;
	return line_value(buf, name, ' ');
}

/* ---- THP knobs -------------------------------------------------------------- */

#define THP_DIR "/sys/kernel/mm/transparent_hugepage/"

static struct saved_knob {
	char knob[64];
	char value[64];
} saved[16];
static int nsaved;
static pid_t saver;   /* only the process that changed the knobs restores them */

char *thp_get(const char *knob, char *buf, size_t size)
{
	char path[160], text[256];

	snprintf(path, sizeof(path), THP_DIR "%s", knob);
	if (read_file(path, text, sizeof(text)) < 0)
		return NULL;
	char *open_b = strchr(text, '['), *close_b = open_b ? strchr(open_b, ']') : NULL;
	char *word = text;
	if (open_b && close_b) {
		word = open_b + 1;
		*close_b = 0;
	}
	word[strcspn(word, "\n")] = 0;
	snprintf(buf, size, "%s", word);
	return buf;
}

long thp_get_long(const char *knob)
{
	char buf[64];

	return thp_get(knob, buf, sizeof(buf)) ? strtol(buf, NULL, 10) : -1;
}

void thp_restore_all(void)
{
	char path[160], now[64];

	if (getpid() != saver)
		return;
	for (int i = nsaved - 1; i >= 0; i--) {
		if (thp_get(saved[i].knob, now, sizeof(now)) && !strcmp(now, saved[i].value))
			continue;
		snprintf(path, sizeof(path), THP_DIR "%s", saved[i].knob);
		if (write_file(path, saved[i].value) < 0)
			printf("%s: could not restore %s to %s\n", test_name(), saved[i].knob,
			       saved[i].value);
	}
}

int thp_set(const char *knob, const char *value)
{
	char path[160];
	int i;

	for (i = 0; i < nsaved; i++)
		if (!strcmp(saved[i].knob, knob))
			break;
	if (i == nsaved) {
		if (nsaved == (int)(sizeof(saved) / sizeof(saved[0])))
			return -ENOSPC;
		if (!thp_get(knob, saved[i].value, sizeof(saved[i].value)))
			return -ENOENT;
		snprintf(saved[i].knob, sizeof(saved[i].knob), "%s", knob);
		nsaved++;
		if (!saver) {
			saver = getpid();
			atexit(thp_restore_all);
		}
	}
	snprintf(path, sizeof(path), THP_DIR "%s", knob);
	return write_file(path, value);
}

int thp_set_long(const char *knob, long value)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%ld", value);
	return thp_set(knob, buf);
}

void thp_must_set(const char *knob, const char *value)
{
	int r = thp_set(knob, value);

	if (r == -EACCES || r == -EPERM)
		test_skip("cannot write %s%s (%s): run as root", THP_DIR, knob, errno_name(-r));
	REQUIRE(r == 0, "writing \"%s\" to %s: expected success, saw %s", value, knob,
		errno_name(-r));
}

void thp_set_enabled(const char *mode)
{
	thp_must_set("enabled", mode);
}

void khugepaged_fast(void)
{
	thp_must_set("khugepaged/pages_to_scan", "65536");
	thp_must_set("khugepaged/alloc_sleep_millisecs", "100");
	thp_must_set("khugepaged/scan_sleep_millisecs", "10");
}

long khugepaged_timeout_ms(void)
{
	return is_thpkernel() ? 60000 : 120000;
}

struct full_scans_goal { long target; };

static int full_scans_reached(void *arg)
{
	return thp_get_long("khugepaged/full_scans") >= ((struct full_scans_goal *)arg)->target;
}

int wait_full_scans(long n, long timeout_ms)
{
	struct full_scans_goal goal = { thp_get_long("khugepaged/full_scans") + n };

	return wait_for(full_scans_reached, &goal, timeout_ms);
}

/* ---- memory ------------------------------------------------------------------ */

void *mmap_aligned(size_t len, size_t align)
{
	size_t total = len + align + 2 * PAGE_SIZE;
	char *p = mmap(NULL, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	REQUIRE(p != MAP_FAILED, "mmap of %zu bytes: expected success, saw %s", total, errno_name(errno));
	char *start = (char *)(((unsigned long)p + PAGE_SIZE + align - 1) & ~(align - 1));
	char *end = start + len;
	mprotect(start - PAGE_SIZE, PAGE_SIZE, PROT_NONE);
	mprotect(end, PAGE_SIZE, PROT_NONE);
	if (start - PAGE_SIZE > p)
		munmap(p, start - PAGE_SIZE - p);
	if (end + PAGE_SIZE < p + total)
		munmap(end + PAGE_SIZE, p + total - (end + PAGE_SIZE));
	return start;
}

void *thp_region(size_t len)
{
	char *p = mmap_aligned(len, HPAGE_SIZE);

	REQUIRE(madvise(p, len, MADV_HUGEPAGE) == 0, "madvise(MADV_HUGEPAGE): expected 0, saw %s", errno_name(errno));
	return p;
}

void *mmap_guarded(size_t len)
{
	return mmap_aligned(len, PAGE_SIZE);
}

unsigned long pattern_word(const void *addr, unsigned long seed)
{
	return (((unsigned long)addr >> 3) + seed * 0x10001) * 0x9E3779B97F4A7C15UL ^ seed;
}

void fill_pattern(void *p, size_t len, unsigned long seed)
{
	unsigned long *w = p;

	for (size_t i = 0; i < len / 8; i++)
		w[i] = pattern_word(&w[i], seed);
}

long check_pattern(const void *p, size_t len, unsigned long seed)
{
	const unsigned long *w = p;

	for (size_t i = 0; i < len / 8; i++)
		if (w[i] != pattern_word(&w[i], seed)) {
			unsigned long want = pattern_word(&w[i], seed);
			const unsigned char *a = (const void *)&w[i], *b = (const void *)&want;
			int k = 0;
			while (a[k] == b[k])
				k++;
			return i * 8 + k;
		}
	return -1;
}

long check_moved_pattern(const void *p, size_t len, unsigned long seed, const void *filled_at)
{
	const unsigned long *w = p, *was = filled_at;

	for (size_t i = 0; i < len / 8; i++)
		if (w[i] != pattern_word(&was[i], seed))
			return i * 8;
	return -1;
}

void touch_pages(void *p, size_t len)
{
	for (size_t off = 0; off < len; off += PAGE_SIZE)
		((volatile char *)p)[off] = 1;
}

long find_nonzero(const void *p, size_t len)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < len; i++)
		if (b[i])
			return i;
	return -1;
}

uint64_t pagemap_entry(const void *addr)
{
	uint64_t e = 0;
	int fd = open("/proc/self/pagemap", O_RDONLY);

	if (fd < 0)
		return 0;
	if (lseek(fd, (off_t)((unsigned long)addr / PAGE_SIZE * 8), SEEK_SET) < 0 ||
	    read(fd, &e, 8) != 8)
		e = 0;
	close(fd);
	return e;
}

long zone_free_above_min(void)
{
	char *text = read_file_alloc("/proc/zoneinfo");
	long best = -1, room = 0;

	/* each zone: "Node 0, zone   DMA32", then "pages free N", "min N", ...,
	 * "managed N" */
	for (char *z = text; z && (z = strstr(z, "Node ")); z++) {
		char *next = strstr(z + 1, "Node "), *f = strstr(z, "pages free"), *m = strstr(z, "min "),
		     *g = strstr(z, "managed ");
		long free, min, managed;
		if (!f || !m || !g || (next && (f > next || m > next || g > next)))
			continue;
		if (sscanf(f, "pages free %ld", &free) == 1 && sscanf(m, "min %ld", &min) == 1 &&
		    sscanf(g, "managed %ld", &managed) == 1 && managed > best) {
			best = managed;
			room = free - min;
		}
	}
	free(text);
	if (best < 0) {
		char buf[32];
		long min_kb = read_file("/proc/sys/vm/min_free_kbytes", buf, sizeof(buf)) > 0 ? atol(buf) : 16384;
		room = (meminfo_kb("MemFree") - min_kb) / 4;
	}
	return room;
}

struct split_goal { const char *counter; long target; };

static int split_reached(void *arg)
{
	struct split_goal *goal = arg;
	return vmstat(goal->counter) >= goal->target;
}

int memory_pressure(long split_target)
{
	return memory_pressure_until("thp_split_page", split_target);
}

/* wait_for, polling every 1 ms: bench_split times the moment the goal is reached */
static int wait_goal(struct split_goal *goal, long timeout_ms)
{
	long deadline = now_ms() + timeout_ms;

	while (!split_reached(goal)) {
		if (now_ms() >= deadline)
			return 0;
		sleep_ms(1);
	}
	return 1;
}

int make_memory_pressure(const char *counter, long target, size_t *touched)
{
	struct split_goal goal = { counter, target };
	size_t len = (size_t)meminfo_kb("MemTotal") * KB, off = 0, written = 0;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	int reached = 0;

	if (p == MAP_FAILED)
		return 2;
	madvise(p, len, MADV_NOHUGEPAGE);
	/* 1. Below the low watermark kswapd wakes; stop a little above min, where
	 *    allocations would start reclaiming themselves, and give kswapd time. */
	for (; off + MB <= len; off += MB) {
		touch_pages(p + off, MB);
		written += MB;
		if ((reached = split_reached(&goal)) || zone_free_above_min() <= 1024)
			break;
	}
	if (!reached)
		reached = wait_goal(&goal, 3000);
	/* 2. kswapd may not be running at all: Linux stops waking it after
	 *    MAX_RECLAIM_RETRIES (16) passes that reclaimed nothing (after an OOM
	 *    kill, say) until a direct reclaim gets something back. With nothing to
	 *    get back (no swap, no page cache), that reclaim would only reach the
	 *    deferred split shrinker at priority 0, whose split pages go to the
	 *    per-CPU free lists, which the allocation does not count: it would end
	 *    in the OOM killer. So give reclaim something: 4 MiB of our pages made
	 *    lazily freeable (MADV_FREE; thpkernel frees them at once), and go
	 *    below min a page at a time: the first allocation's own reclaim takes
	 *    them back, which wakes kswapd again; then kswapd's turn. */
	if (!reached && written >= 4 * MB)
		madvise(p, 4 * MB, MADV_FREE);
	for (off += MB; !reached && off + PAGE_SIZE <= len; off += PAGE_SIZE) {
		p[off] = 1;
		written += PAGE_SIZE;
		if ((reached = split_reached(&goal)))
			break;
		if (off % (16 * PAGE_SIZE) == 0) {
			sleep_ms(1);	/* kswapd's turn */
			if (zone_free_above_min() < -1024)	/* 4 MiB below min: enough */
				break;
		}
	}
	if (touched)
		*touched = written;
	return reached || wait_goal(&goal, 10000) ? 0 : 3;
}

int memory_pressure_until(const char *counter, long target)
{
	pid_t pid = xfork();

	if (pid == 0)
		_exit(make_memory_pressure(counter, target, NULL));
	return wait_status(pid);
}

/* ---- processes and time ---------------------------------------------------- */

pid_t xfork(void)
{
	fflush(stdout);
	pid_t pid = fork();
	REQUIRE(pid >= 0, "fork: expected a pid, saw %s", errno_name(errno));
	return pid;
}

int wait_status(pid_t pid)
{
	int status;

	for (;;) {
		pid_t r = waitpid(pid, &status, 0);
		if (r == pid)
			return status;
		if (r < 0 && errno != EINTR)
			return -1;
	}
}

int run_in_child(int (*fn)(void *), void *arg)
{
	pid_t pid = xfork();

	if (pid == 0) {
		no_core_dump();
		int r = fn(arg);
		fflush(stdout);
		_exit(r);
	}
	return wait_status(pid);
}

char *run_output(char *const argv[], int *status)
{
	size_t len = 0, size = 4096;
	char *out = malloc(size);
	int fds[2];

	REQUIRE(out && pipe(fds) == 0, "pipe: expected 0, saw %s", errno_name(errno));
	pid_t pid = xfork();
	if (pid == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		execv(argv[0], argv);
		_exit(127);
	}
	close(fds[1]);
	for (;;) {
		if (len + 1 == size)
			REQUIRE((out = realloc(out, size *= 2)), "realloc: out of memory");
		ssize_t n = read(fds[0], out + len, size - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += n;
	}
	out[len] = 0;
	close(fds[0]);
	int st = wait_status(pid);
	if (status)
		*status = st;
	return out;
}

int run_program(char *const argv[])
{
	extern char **environ;
	char path[512];

	snprintf(path, sizeof(path), "%s/../%s", tests_dir(), argv[0]);
	if (access(path, X_OK) != 0)
		snprintf(path, sizeof(path), "/bin/%s", argv[0]);
	REQUIRE(access(path, X_OK) == 0, "%s: expected an executable program, saw %s", path, errno_name(errno));
	fflush(stdout);
	pid_t pid = xfork();
	if (pid == 0) {
		execve(path, argv, environ);
		printf("%s: execve %s: %s\n", test_name(), path, errno_name(errno));
		_exit(127);
	}
	return wait_status(pid);
}

const char *status_text(int status)
{
	static char text[64];

	if (status == -1)
		snprintf(text, sizeof(text), "no status (wait4 failed)");
	else if (WIFEXITED(status))
		snprintf(text, sizeof(text), "exited %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(text, sizeof(text), "killed by signal %d (%s)", WTERMSIG(status),
			 WTERMSIG(status) == 11 ? "SIGSEGV" : WTERMSIG(status) == 9 ? "SIGKILL" :
			 WTERMSIG(status) == 13 ? "SIGPIPE" : WTERMSIG(status) == 15 ? "SIGTERM" : "?");
	else
		snprintf(text, sizeof(text), "status 0x%x", status);
	return text;
}

void no_core_dump(void)
{
	if (!is_thpkernel())
		prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

void send_byte(int fd, char c)
{
	while (write(fd, &c, 1) < 0 && errno == EINTR)
		;
}

char recv_byte(int fd)
{
	char c = 0;
	ssize_t n;

	do
		n = read(fd, &c, 1);
	while (n < 0 && errno == EINTR);
	return n == 1 ? c : 0;
}

long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000;
}

void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

int wait_for(int (*cond)(void *), void *arg, long timeout_ms)
{
	long deadline = now_ms() + timeout_ms;

	for (;;) {
		if (cond(arg))
			return 1;
		if (now_ms() >= deadline)
			return 0;
		sleep_ms(20);
	}
}
