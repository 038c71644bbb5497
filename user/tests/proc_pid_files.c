/* proc_pid_files: /proc/PID/smaps_rollup sums smaps (its AnonHugePages equals the sum
 * of every VMA's, with a header line ending in [rollup]); statm gives sizes in pages
 * that agree with status's VmSize and VmRSS; comm names the process and a write
 * renames it; cmdline holds the arguments, NUL-terminated, read from this process and
 * from a forked child. */
#include "testlib.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/wait.h>

/* The value of a "Label:  N kB" line in text, or -1. */
static long field_kb(const char *text, const char *label)
{
	const char *p = strstr(text, label);
	return p ? strtol(p + strlen(label), NULL, 10) : -1;
}

int main(int argc, char **argv)
{
	char path[64], buf[4096];

	thp_set_enabled("madvise");
	char *p = thp_region(4 * MB);
	fill_pattern(p, 4 * MB, 3);

	/* smaps_rollup */
	char *rollup = read_file_alloc("/proc/self/smaps_rollup");
	REQUIRE(rollup, "/proc/self/smaps_rollup: %s", errno_name(errno));
	char *nl = strchr(rollup, '\n');
	EXPECT(nl && nl - rollup > 9 && !strncmp(nl - 8, "[rollup]", 8),
	       "smaps_rollup's first line: expected it to end with [rollup], saw \"%.*s\"",
	       nl ? (int)(nl - rollup) : 40, rollup);
	long sum_thp = smaps_sum(0, NULL, (size_t)-1, "AnonHugePages");	/* every VMA */
	EXPECT_EQ("smaps_rollup AnonHugePages (kB) against the sum over smaps", field_kb(rollup, "\nAnonHugePages:"),
		  sum_thp);
	EXPECT_GE("smaps_rollup AnonHugePages (kB)", field_kb(rollup, "\nAnonHugePages:"), 4096);
	EXPECT_GE("smaps_rollup Rss (kB)", field_kb(rollup, "\nRss:"), 4096);
	EXPECT(field_kb(rollup, "\nPss_Anon:") >= 4096 && field_kb(rollup, "\nPss_File:") >= 0 &&
	       field_kb(rollup, "\nPss_Shmem:") >= 0,
	       "smaps_rollup: expected Pss_Anon >= 4096 kB, Pss_File and Pss_Shmem lines");
	free(rollup);

	/* statm against status */
	long size, resident;
	char *status = read_file_alloc("/proc/self/status");	/* first: it allocates */
	REQUIRE(status, "/proc/self/status: %s", errno_name(errno));
	REQUIRE(read_file("/proc/self/statm", buf, sizeof(buf)) > 0, "/proc/self/statm: %s", errno_name(errno));
	REQUIRE(sscanf(buf, "%ld %ld", &size, &resident) == 2, "statm: expected 7 numbers, saw \"%s\"", buf);
	EXPECT_EQ("statm size (kB) against status VmSize", size * 4, field_kb(status, "\nVmSize:"));
	long vmrss = field_kb(status, "\nVmRSS:");
	EXPECT(resident * 4 >= 4096 && labs(resident * 4 - vmrss) <= 64,
	       "statm resident: expected about VmRSS (%ld kB, >= 4096), saw %ld kB", vmrss, resident * 4);
	free(status);

	/* comm: read, rename, read back */
	REQUIRE(read_file("/proc/self/comm", buf, sizeof(buf)) > 0, "/proc/self/comm: %s", errno_name(errno));
	char want[32];
	snprintf(want, sizeof(want), "%.15s\n", test_name());
	EXPECT(!strcmp(buf, want), "/proc/self/comm: expected \"%s\", saw \"%s\"", want, buf);
	EXPECT_EQ("write of a new name to /proc/self/comm", write_file("/proc/self/comm", "renamed-by-test\n"), 0);
	read_file("/proc/self/comm", buf, sizeof(buf));
	EXPECT(!strcmp(buf, "renamed-by-test\n"), "/proc/self/comm after the write: expected \"renamed-by-test\", saw \"%s\"",
	       buf);

	/* cmdline: this process's, then a forked child's (another address space) */
	size_t want_len = 0;
	char expect[512];
	for (int i = 0; i < argc && want_len + strlen(argv[i]) + 1 < sizeof(expect); i++) {
		memcpy(expect + want_len, argv[i], strlen(argv[i]) + 1);
		want_len += strlen(argv[i]) + 1;
	}
	int fd = open("/proc/self/cmdline", O_RDONLY);
	long n = fd >= 0 ? read(fd, buf, sizeof(buf)) : -1;
	close(fd);
	EXPECT(n == (long)want_len && !memcmp(buf, expect, want_len),
	       "/proc/self/cmdline: expected %zu bytes \"%s\\0...\", saw %ld bytes", want_len, argv[0], n);

	int pipefd[2];
	REQUIRE(pipe(pipefd) == 0, "pipe: %s", errno_name(errno));
	pid_t pid = xfork();
	if (pid == 0) {
		recv_byte(pipefd[0]);
		_exit(0);
	}
	snprintf(path, sizeof(path), "/proc/%d/cmdline", pid);
	fd = open(path, O_RDONLY);
	n = fd >= 0 ? read(fd, buf, sizeof(buf)) : -1;
	close(fd);
	EXPECT(n == (long)want_len && !memcmp(buf, expect, want_len),
	       "%s of a forked child: expected %zu bytes \"%s\\0...\", saw %ld bytes", path, want_len, argv[0], n);
	send_byte(pipefd[1], 'x');
	wait_status(pid);
	test_done();
}
