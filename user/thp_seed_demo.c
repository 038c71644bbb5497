/* thp_seed_demo: the course note's story of a THP, step by step, in numbers.
 *   1. process A maps and touches a THP, then forks B: both map it with a huge PMD;
 *   2. A munmaps one 4 KiB page: A's PMD splits, B's stays huge;
 *   3. B munmaps the same page: no huge mapping is left, one subpage is
 *      unmapped everywhere, the THP waits on the deferred split queue;
 *   4. memory pressure: reclaim splits the THP and frees that subpage.
 * After each step it prints the THP counters and both processes' smaps
 * lines for the range. Runs on Linux too (as root, with a small guest: the
 * pressure step allocates until reclaim runs). usage: thp_seed_demo [-q] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>

#define HPAGE (2UL << 20)
#define PAGE 4096UL

static long file_value(const char *path, const char *name)
{
	char line[256];
	long v = -1;
	size_t n = strlen(name);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, name, n) && (line[n] == ' ' || line[n] == ':')) {
			v = atol(line + n + 1 + strspn(line + n + 1, " \t:"));
			break;
		}
	fclose(f);
	return v;
}

static long vmstat(const char *name) { return file_value("/proc/vmstat", name); }

/* The sum of one smaps field over the VMAs of pid that overlap
 * [addr, addr + 2 MiB) (a 4 KiB munmap splits the VMA in two). */
static long smaps_kb(int pid, void *addr, const char *field)
{
	char path[64], line[256];
	unsigned long a = (unsigned long)addr, start, end;
	int in = 0;
	long v = 0;
	snprintf(path, sizeof(path), "/proc/%d/smaps", pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx-%lx ", &start, &end) == 2 && strchr(line, '-') < strchr(line, ' '))
			in = start < a + HPAGE && end > a;
		else if (in && !strncmp(line, field, strlen(field)) && line[strlen(field)] == ':')
			v += atol(line + strlen(field) + 1);
	}
	fclose(f);
	return v;
}

static void show(const char *step, int a, int b, void *addr)
{
	printf("\n== %s\n", step);
	printf("  vmstat: thp_fault_alloc %ld  thp_split_pmd %ld  thp_deferred_split_page %ld  "
	       "thp_split_page %ld  nr_anon_transparent_hugepages %ld\n",
	       vmstat("thp_fault_alloc"), vmstat("thp_split_pmd"), vmstat("thp_deferred_split_page"),
	       vmstat("thp_split_page"), vmstat("nr_anon_transparent_hugepages"));
	printf("  A (pid %d): Rss %ld kB  AnonHugePages %ld kB\n", a, smaps_kb(a, addr, "Rss"),
	       smaps_kb(a, addr, "AnonHugePages"));
	if (b > 0)
		printf("  B (pid %d): Rss %ld kB  AnonHugePages %ld kB\n", b, smaps_kb(b, addr, "Rss"),
		       smaps_kb(b, addr, "AnonHugePages"));
	printf("  MemFree %ld kB\n", file_value("/proc/meminfo", "MemFree"));
	fflush(stdout);
}

/* Allocate and touch memory until reclaim has split a THP (or we are near
 * the min watermark); then give it all back. */
static void pressure(long split0)
{
	long min_kb = 16384;
	FILE *f = fopen("/proc/sys/vm/min_free_kbytes", "r");
	if (f) {
		if (fscanf(f, "%ld", &min_kb) != 1)
			min_kb = 16384;
		fclose(f);
	}
	pid_t pid = fork();
	if (pid == 0) {
		size_t len = (size_t)file_value("/proc/meminfo", "MemTotal") * 1024;
		char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (p == MAP_FAILED)
			_exit(1);
		madvise(p, len, MADV_NOHUGEPAGE);
		for (size_t off = 0; off < len; off += PAGE) {
			p[off] = 1;
			if (off % HPAGE == 0 && (vmstat("thp_split_page") > split0 ||
			    file_value("/proc/meminfo", "MemFree") < min_kb + 4096))
				break;
		}
		for (int i = 0; i < 100 && vmstat("thp_split_page") <= split0; i++)
			usleep(20000);
		_exit(0);
	}
	waitpid(pid, NULL, 0);
}

int main(int argc, char **argv)
{
	int cmd[2], done[2];
	char c;

	(void)argc;
	(void)argv;
	if (pipe(cmd) || pipe(done))
		return 1;
	/* a 2 MiB-aligned THP-eligible range */
	char *raw = mmap(NULL, 2 * HPAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *p = (char *)(((unsigned long)raw + HPAGE - 1) & ~(HPAGE - 1));
	madvise(p, HPAGE, MADV_HUGEPAGE);
	memset(p, 0x5a, HPAGE);
	char *victim = p + 100 * PAGE;

	int a = getpid();
	pid_t b = fork();
	if (b == 0) {
		/* B: wait for "unmap", do it, then wait for "check" */
		if (read(cmd[0], &c, 1) != 1)
			_exit(1);
		munmap(victim, PAGE);
		write(done[1], "u", 1);
		if (read(cmd[0], &c, 1) != 1)
			_exit(1);
		int bad = 0;
		for (unsigned long i = 0; i < HPAGE; i++)
			if (p + i < victim || p + i >= victim + PAGE)
				bad |= p[i] != 0x5a;
		write(done[1], bad ? "n" : "y", 1);
		_exit(0);
	}
	show("1. A touched a THP and forked B: both map it with a huge PMD", a, b, p);

	munmap(victim, PAGE);
	show("2. A munmapped 4 KiB: A's PMD split (thp_split_pmd +1), B still huge; a subpage lost\n"
	     "   its last PTE, so the THP is queued for deferred split (Linux 6.1 does so too)", a, b, p);

	write(cmd[1], "u", 1);
	read(done[0], &c, 1);
	show("3. B munmapped the same 4 KiB: no huge PMD maps the THP any more, and that subpage\n"
	     "   is unmapped everywhere (_mapcount -1); the THP waits on the deferred split queue",
	     a, b, p);

	long split0 = vmstat("thp_split_page"), free0 = file_value("/proc/meminfo", "MemFree");
	pressure(split0);
	show("4. memory pressure: reclaim split the THP (thp_split_page +1) and freed the unmapped subpage",
	     a, b, p);
	printf("  MemFree change across the pressure step: %+ld kB\n",
	       file_value("/proc/meminfo", "MemFree") - free0);

	int bad = 0;
	for (unsigned long i = 0; i < HPAGE; i++)
		if (p + i < victim || p + i >= victim + PAGE)
			bad |= p[i] != 0x5a;
	write(cmd[1], "c", 1);
	read(done[0], &c, 1);
	printf("\ndata intact: A %s, B %s\n", bad ? "NO" : "yes", c == 'y' ? "yes" : "NO");
	waitpid(b, NULL, 0);
	return bad || c != 'y';
}
