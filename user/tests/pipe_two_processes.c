/* pipe_two_processes: 256 KiB (more than a pipe holds) cross a pipe from parent to
 * child intact, an answer comes back on a second pipe, the reader sees end of file
 * once every writer is closed, and a writer with no reader left dies of SIGPIPE. */
#include "testlib.h"

#include <signal.h>
#include <sys/wait.h>

#define LEN (256 * 1024)

static char buf[LEN];   /* the parent writes it, the child reads into its own copy */

static int reader(int in, int out)
{
	size_t got = 0;
	ssize_t n;

	while ((n = read(in, buf + got, got < LEN ? LEN - got : 1)) > 0)
		got += n;
	long bad = got == LEN ? check_pattern(buf, LEN, 77) : -2;
	write(out, &got, sizeof(got));
	write(out, &bad, sizeof(bad));
	return 0;
}

static int write_without_reader(void *arg)
{
	int fd = *(int *)arg;

	write(fd, "x", 1);
	return 0;   /* not reached: SIGPIPE */
}

int main(void)
{
	int down[2], up[2];
	size_t got = 0;
	long bad = 0;

	REQUIRE(pipe(down) == 0 && pipe(up) == 0, "pipe: expected 0, saw %s", errno_name(errno));
	pid_t pid = xfork();
	if (pid == 0) {
		close(down[1]);
		close(up[0]);
		_exit(reader(down[0], up[1]));
	}
	close(down[0]);
	close(up[1]);
	fill_pattern(buf, LEN, 77);
	size_t off = 0;
	while (off < LEN) {
		ssize_t n = write(down[1], buf + off, LEN - off);
		REQUIRE(n > 0, "write to the pipe: expected bytes written, saw %s", errno_name(errno));
		off += n;
	}
	close(down[1]);   /* the child sees end of file */
	EXPECT_EQ("child's byte count read back", read(up[0], &got, sizeof(got)), sizeof(got));
	EXPECT_EQ("child's check read back", read(up[0], &bad, sizeof(bad)), sizeof(bad));
	EXPECT_EQ("bytes the child received", got, LEN);
	EXPECT_EQ("first bad offset the child saw", bad, -1);
	EXPECT_EQ("read after the writer's end closed (end of file)", read(up[0], buf, 1), 0);
	int st = wait_status(pid);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "reader child: expected exited 0, saw %s", status_text(st));
	close(up[0]);

	int p[2];
	REQUIRE(pipe(p) == 0, "pipe: expected 0, saw %s", errno_name(errno));
	close(p[0]);
	st = run_in_child(write_without_reader, &p[1]);
	EXPECT(WIFSIGNALED(st) && WTERMSIG(st) == SIGPIPE,
	       "child writing a pipe without reader: expected killed by signal 13 (SIGPIPE), saw %s", status_text(st));
	test_done();
}
