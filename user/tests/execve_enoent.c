/* execve_enoent: execve of a missing file or through a missing directory fails with
 * ENOENT (of a directory with EACCES) and leaves the caller intact; a child that
 * cannot exec reports ENOENT through its exit code. */
#include "testlib.h"

#include <sys/wait.h>

int main(void)
{
	char *argv[] = { "x", NULL }, *envp[] = { NULL };
	char path[256];
	static char buf[64 * 1024];

	fill_pattern(buf, sizeof(buf), 3);
	EXPECT_ERRNO("execve(\"/no_such_dir_thp/prog\")", execve("/no_such_dir_thp/prog", argv, envp), ENOENT);
	snprintf(path, sizeof(path), "%s/no_such_test_thp", tests_dir());
	EXPECT_ERRNO("execve of a missing file in the tests directory", execve(path, argv, envp), ENOENT);
	EXPECT_ERRNO("execve(\"/\")", execve("/", argv, envp), EACCES);
	EXPECT_ERRNO("execve(\"\")", execve("", argv, envp), ENOENT);
	EXPECT_EQ("pattern after failed execs (first bad offset, -1 = intact)", check_pattern(buf, sizeof(buf), 3), -1);

	pid_t pid = xfork();
	if (pid == 0) {
		execve("/no_such_dir_thp/prog", argv, envp);
		_exit(errno);
	}
	int st = wait_status(pid);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == ENOENT, "child's execve of a missing file: expected exited %d (ENOENT), saw %s",
	       ENOENT, status_text(st));
	test_done();
}
