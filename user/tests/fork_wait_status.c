/* fork_wait_status: wait4 reports a child's exit code (WIFEXITED/WEXITSTATUS, low 8
 * bits only), death by SIGKILL/SIGTERM (WIFSIGNALED/WTERMSIG), WNOHANG on a live
 * child, any-child waits, and ECHILD when no child is left. */
#include "testlib.h"

#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>

static void expect_exit(int code, int want)
{
	pid_t pid = xfork();

	if (pid == 0)
		_exit(code);
	int st = wait_status(pid);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == want, "child _exit(%d): expected exited %d, saw %s",
	       code, want, status_text(st));
}

static void expect_killed(int sig)
{
	int st;
	pid_t pid = xfork();

	if (pid == 0) {
		for (;;)
			pause();
	}
	EXPECT_EQ("wait4(child, WNOHANG) on a live child", waitpid(pid, &st, WNOHANG), 0);
	EXPECT_EQ("kill(child)", kill(pid, sig), 0);
	st = wait_status(pid);
	EXPECT(WIFSIGNALED(st) && WTERMSIG(st) == sig, "child sent signal %d: expected killed by it, saw %s",
	       sig, status_text(st));
}

int main(void)
{
	int codes[] = { 0, 1, 42, 255 };
	pid_t me = getpid();

	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
		expect_exit(codes[i], codes[i]);
	expect_exit(256 + 3, 3);

	pid_t pid = xfork();
	if (pid == 0)
		syscall(SYS_exit, 7);   /* exit of the only thread ends the process */
	int st = wait_status(pid);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 7, "child SYS_exit(7): expected exited 7, saw %s",
	       status_text(st));

	pid = xfork();
	if (pid == 0)
		_exit(getppid() == me && getpid() != me ? 0 : 1);
	st = wait_status(pid);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	       "child's getppid()/getpid(): expected parent's pid / a new pid, saw %s", status_text(st));

	expect_killed(SIGKILL);
	expect_killed(SIGTERM);

	pid_t kids[3];
	int seen[3] = { 0, 0, 0 };
	for (int i = 0; i < 3; i++) {
		kids[i] = xfork();
		if (kids[i] == 0)
			_exit(10 + i);
	}
	for (int n = 0; n < 3; n++) {
		pid_t r = waitpid(-1, &st, 0);
		int k = -1;
		for (int i = 0; i < 3; i++)
			if (kids[i] == r)
				k = i;
		EXPECT(k >= 0, "wait4(-1): expected one of our children, saw %d", (int)r);
		if (k >= 0) {
			EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 10 + k, "child %d: expected exited %d, saw %s",
			       k, 10 + k, status_text(st));
			seen[k]++;
		}
	}
	EXPECT(seen[0] == 1 && seen[1] == 1 && seen[2] == 1, "wait4(-1): expected each child once, saw %d %d %d",
	       seen[0], seen[1], seen[2]);
	EXPECT_ERRNO("wait4(-1) with no child left", waitpid(-1, &st, 0), ECHILD);
	EXPECT_ERRNO("wait4 of a pid that is not our child", waitpid(me, &st, 0), ECHILD);
	test_done();
}
