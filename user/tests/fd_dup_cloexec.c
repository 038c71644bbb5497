/* fd_dup_cloexec: dup takes the lowest free descriptor, dup2 replaces a target,
 * duplicated and inherited descriptors share one file offset, O_CLOEXEC descriptors
 * are closed by execve while their dups and plain ones survive, and bad descriptors
 * give EBADF. */
#include "testlib.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#define FILE_ "/tmp/thp_fd_test"

/* The exec'ed side: argv = name "check" cloexec_fd plain_fd dup_fd. */
static int check_after_exec(char **argv)
{
	struct stat st;
	int cloexec_fd = atoi(argv[2]), plain_fd = atoi(argv[3]), dup_fd = atoi(argv[4]);

	EXPECT_ERRNO("fstat of the O_CLOEXEC descriptor after execve", fstat(cloexec_fd, &st), EBADF);
	EXPECT_EQ("fstat of a plain descriptor after execve", fstat(plain_fd, &st), 0);
	EXPECT_EQ("fstat of a dup of the O_CLOEXEC descriptor after execve", fstat(dup_fd, &st), 0);
	return test_failures ? 1 : 0;
}

int main(int argc, char **argv)
{
	char self[256], buf[16], a1[16], a2[16], a3[16];

	if (argc == 5 && !strcmp(argv[1], "check"))
		return check_after_exec(argv);

	int fd = open(FILE_, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		test_skip("cannot create %s (%s): /tmp must be writable", FILE_, errno_name(errno));
	int lowest = dup(1);
	close(lowest);
	EXPECT_EQ("dup(1) after closing the lowest free fd", dup(1), lowest);
	close(lowest);

	EXPECT_EQ("write \"abc\"", write(fd, "abc", 3), 3);
	int d = dup(fd);
	EXPECT_EQ("write \"def\" through the dup", write(d, "def", 3), 3);
	EXPECT_EQ("offset of the original after writes through both", lseek(fd, 0, SEEK_CUR), 6);
	pid_t pid = xfork();
	if (pid == 0)
		_exit(write(fd, "g", 1) == 1 ? 0 : 1);
	wait_status(pid);
	EXPECT_EQ("offset after the child wrote through the inherited fd", lseek(d, 0, SEEK_CUR), 7);
	lseek(fd, 0, SEEK_SET);
	memset(buf, 0, sizeof(buf));
	EXPECT_EQ("read back", read(fd, buf, sizeof(buf)), 7);
	EXPECT(!strcmp(buf, "abcdefg"), "file contents: expected \"abcdefg\", saw \"%s\"", buf);

	int target = dup(1);
	EXPECT_EQ("dup2(fd, target) onto an open target", dup2(fd, target), target);
	EXPECT_EQ("offset seen through the dup2 target", lseek(target, 0, SEEK_CUR), 7);
	EXPECT_EQ("dup2(fd, fd)", dup2(fd, fd), fd);
	EXPECT_ERRNO("dup2 to fd 100000", dup2(fd, 100000), EBADF);
	EXPECT_ERRNO("dup of a closed fd", dup(999), EBADF);
	close(target);
	EXPECT_ERRNO("close of an already closed fd", close(target), EBADF);
	EXPECT_ERRNO("read of a closed fd", read(target, buf, 1), EBADF);

	snprintf(self, sizeof(self), "%s/fd_dup_cloexec", tests_dir());
	int cx = open(self, O_RDONLY | O_CLOEXEC);
	REQUIRE(cx >= 0, "open(%s, O_CLOEXEC): expected a fd, saw %s", self, errno_name(errno));
	int cx_dup = dup(cx);
	snprintf(a1, sizeof(a1), "%d", cx);
	snprintf(a2, sizeof(a2), "%d", fd);
	snprintf(a3, sizeof(a3), "%d", cx_dup);
	pid = xfork();
	if (pid == 0) {
		char *cargv[] = { "fd_dup_cloexec", "check", a1, a2, a3, NULL };
		execve(self, cargv, (char *[]){ NULL });
		_exit(127);
	}
	int st = wait_status(pid);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "exec'ed checker: expected exited 0, saw %s", status_text(st));
	close(cx);
	close(cx_dup);
	close(d);
	close(fd);
	if (!is_thpkernel())
		unlink(FILE_);
	test_done();
}
