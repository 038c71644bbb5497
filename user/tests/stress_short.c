/* stress_short: thpstress for 20 seconds with 3 processes and a fixed seed: THP faults,
 * forks, partial munmap/mprotect, MADV_DONTNEED, MADV_COLLAPSE, khugepaged with
 * scan_sleep_millisecs=0 and a memory hog pushing MemFree below the low watermark
 * (in a guest of at most 2 GiB). Every page keeps the data written to it, in the
 * processes and in their forked children: 0 mismatches. */
#include "testlib.h"

#include <sys/wait.h>

extern char **environ;

int main(void)
{
	char path[512];
	char *argv[] = { "thpstress", "20", "3", "1", NULL };

	snprintf(path, sizeof(path), "%s/../thpstress", tests_dir());
	if (access(path, X_OK) != 0)
		snprintf(path, sizeof(path), "/bin/thpstress");
	REQUIRE(access(path, X_OK) == 0, "%s: expected an executable thpstress, saw %s", path, errno_name(errno));
	pid_t pid = xfork();
	if (pid == 0) {
		execve(path, argv, environ);
		printf("%s: execve %s: %s\n", test_name(), path, errno_name(errno));
		_exit(127);
	}
	int st = wait_status(pid);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "thpstress 20 3 1: expected exited 0, saw %s (its report is above)",
	       status_text(st));
	test_done();
}
