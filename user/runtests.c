/* runtests: the in-guest test runner (/bin/runtests; init of the test boot).
 * usage: runtests [NAME-substring ...]
 * Runs each program of /bin/tests ($TESTS_DIR) whose name contains one of the
 * arguments (all when none), sorted by name, each in its own process group with a
 * timeout ($TEST_TIMEOUT seconds, default 300), and prints one line per test and
 * "N passed, N failed[, N skipped]". Exit status 0 when nothing failed.
 * After each test it puts back any THP knob the test left changed (and fails it),
 * and on thpkernel it runs the kernel's self-check and verifies that AnonPages,
 * AnonHugePages and PageTables came back to their values from before the test. */
#include "testlib.h"

#include <dirent.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>

#define SELF_CHECK "/sys/kernel/debug/thp/check"

extern char **environ;

/* The knobs a test may change; the runner restores them if the test did not. */
static const char *const knobs[] = {
	"enabled", "defrag",
	"khugepaged/pages_to_scan", "khugepaged/scan_sleep_millisecs",
	"khugepaged/alloc_sleep_millisecs", "khugepaged/max_ptes_none",
	"khugepaged/max_ptes_shared", "khugepaged/max_ptes_swap", "khugepaged/defrag",
	"shrink_underused", "thp_policy",
};
#define NKNOBS (sizeof(knobs) / sizeof(knobs[0]))
static char knob_base[NKNOBS][64];

/* The memory counters that must come back after each test (thpkernel only). */
static const char *const mem_fields[] = { "AnonPages", "AnonHugePages", "PageTables" };
#define NMEM (sizeof(mem_fields) / sizeof(mem_fields[0]))

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int selected(const char *name, int argc, char **argv)
{
	if (argc < 2)
		return 1;
	for (int i = 1; i < argc; i++)
		if (strstr(name, argv[i]))
			return 1;
	return 0;
}

static void reap_strays(void)
{
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
}

static void read_mem(long v[NMEM])
{
	for (size_t i = 0; i < NMEM; i++)
		v[i] = meminfo_kb(mem_fields[i]);
}

/* Runs one test; returns its wait status and sets *timed_out. */
static int run_one(const char *path, const char *name, long timeout_s, int *timed_out)
{
	int status = -1;
	long t0 = now_ms();
	pid_t pid, watchdog, r;

	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		printf("runtests: fork: %s\n", errno_name(errno));
		return -1;
	}
	if (pid == 0) {
		char *argv[] = { (char *)name, NULL };
		setpgid(0, 0);
		execve(path, argv, environ);
		printf("runtests: execve %s: %s\n", path, errno_name(errno));
		fflush(stdout);
		_exit(127);
	}
	setpgid(pid, pid);
	watchdog = fork();
	if (watchdog == 0) {
		struct timespec ts = { timeout_s, 0 };
		while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
			;
		kill(-pid, SIGKILL);
		kill(pid, SIGKILL);
		_exit(0);
	}
	for (;;) {
		int st;
		r = waitpid(-1, &st, 0);
		if (r < 0 && errno != EINTR)
			break;
		if (r == watchdog)
			watchdog = -1;
		if (r == pid) {
			status = st;
			break;
		}
	}
	if (watchdog > 0) {
		kill(watchdog, SIGKILL);
		waitpid(watchdog, NULL, 0);
	}
	kill(-pid, SIGKILL);   /* whatever the test left running in its group */
	*timed_out = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL && now_ms() - t0 >= timeout_s * 1000;
	return status;
}

/* Puts back knobs the test left changed. Returns how many it had to put back. */
static int restore_knobs(const char *name)
{
	char path[160], now[64];
	int changed = 0;

	for (size_t i = 0; i < NKNOBS; i++) {
		if (!knob_base[i][0] || !thp_get(knobs[i], now, sizeof(now)) ||
		    !strcmp(now, knob_base[i]))
			continue;
		printf("FAIL %s: left %s at \"%s\" (was \"%s\"); restored\n", name, knobs[i], now,
		       knob_base[i]);
		snprintf(path, sizeof(path), "/sys/kernel/mm/transparent_hugepage/%s", knobs[i]);
		write_file(path, knob_base[i]);
		changed++;
	}
	return changed;
}

static char check_text[2048];

/* thpkernel: the kernel's consistency self-check. Returns 1 when it reports a problem. */
static int self_check_failed(const char *name)
{
	char *text = check_text;

	if (access(SELF_CHECK, R_OK) != 0)
		return 0;
	long n = read_file(SELF_CHECK, text, sizeof(check_text));
	if (n >= 0 && !strcmp(text, "ok\n"))
		return 0;
	if (n < 0)
		snprintf(text, sizeof(check_text), "cannot read %s: %s", SELF_CHECK, errno_name(-n));
	for (char *p = text; *p; p++)
		if (*p == '\n')
			*p = p[1] ? ';' : 0;
	printf("FAIL %s: kernel self-check: %s\n", name, text);
	return 1;
}

/* thpkernel: memory counters back to their values from before the test, allowing the
 * kernel up to 2 s to finish freeing. Returns 1 when they are not. */
static int memory_leaked(const char *name, const long before[NMEM])
{
	long after[NMEM];
	int bad = 0;

	for (int tries = 0; tries < 20; tries++) {
		reap_strays();
		read_mem(after);
		bad = 0;
		for (size_t i = 0; i < NMEM; i++)
			bad |= after[i] != before[i];
		if (!bad)
			return 0;
		sleep_ms(100);
	}
	for (size_t i = 0; i < NMEM; i++)
		if (after[i] != before[i])
			printf("FAIL %s: %s expected %ld kB (before the test), saw %ld kB\n", name,
			       mem_fields[i], before[i], after[i]);
	return 1;
}

/* Touches the stack depth and the static buffers the runner uses around a test, so
 * that its own first touches are not counted as a test's AnonPages. */
static void warm_up(void)
{
	volatile char pad[64 * 1024];
	long mem[NMEM];

	for (size_t i = 0; i < sizeof(pad); i += PAGE_SIZE)
		pad[i] = 0;
	read_mem(mem);
	read_file(SELF_CHECK, check_text, sizeof(check_text));
	memset(check_text, 0, sizeof(check_text));
}

int main(int argc, char **argv)
{
	static char path[512];
	char **names = NULL;
	int n = 0, cap = 0, passed = 0, failed = 0, skipped = 0;
	long timeout_s = 300;
	const char *dir = tests_dir();
	DIR *d;
	struct dirent *e;

	if (getpid() == 1) {
		mount("proc", "/proc", "proc", 0, NULL);
		mount("sysfs", "/sys", "sysfs", 0, NULL);
	}
	if (getenv("TEST_TIMEOUT") && atol(getenv("TEST_TIMEOUT")) > 0)
		timeout_s = atol(getenv("TEST_TIMEOUT"));

	d = opendir(dir);
	if (!d) {
		printf("runtests: cannot open %s: %s\n0 passed, 1 failed\n", dir, errno_name(errno));
		return 1;
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' || !selected(e->d_name, argc, argv))
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			names = realloc(names, cap * sizeof(*names));
		}
		names[n++] = strdup(e->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), cmp_names);

	{
		struct utsname u;
		uname(&u);
		printf("runtests: %d tests on %s %s\n", n, u.sysname, u.release);
	}
	for (size_t i = 0; i < NKNOBS; i++)
		if (!thp_get(knobs[i], knob_base[i], sizeof(knob_base[i])))
			knob_base[i][0] = 0;
	warm_up();

	for (int i = 0; i < n; i++) {
		long before[NMEM];
		int timed_out = 0, bad = 0;

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (is_thpkernel())
			read_mem(before);
		long t0 = now_ms();
		int status = run_one(path, names[i], timeout_s, &timed_out);
		long ms = now_ms() - t0;
		reap_strays();

		int ok = status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
		int skip = status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == TEST_SKIP;
		if (!ok && !skip) {
			if (timed_out)
				printf("FAIL %s (timeout)\n", names[i]);
			else if (status != -1 && WIFSIGNALED(status))
				printf("FAIL %s (killed by signal %d)\n", names[i], WTERMSIG(status));
			else
				printf("FAIL %s (exit %d)\n", names[i],
				       status == -1 ? -1 : WEXITSTATUS(status));
			bad = 1;
		}
		bad |= restore_knobs(names[i]) > 0;
		if (is_thpkernel()) {
			bad |= self_check_failed(names[i]);
			bad |= memory_leaked(names[i], before);
		}
		if (bad)
			failed++;
		else if (skip) {
			printf("SKIP %s\n", names[i]);
			skipped++;
		} else {
			printf("PASS %s (%ld ms)\n", names[i], ms);
			passed++;
		}
		fflush(stdout);
	}
	if (skipped)
		printf("%d passed, %d failed, %d skipped\n", passed, failed, skipped);
	else
		printf("%d passed, %d failed\n", passed, failed);
	fflush(stdout);
	if (getpid() == 1 && !is_thpkernel())
		reboot(RB_POWER_OFF);   /* Linux panics when init exits */
	return failed ? 1 : 0;
}
