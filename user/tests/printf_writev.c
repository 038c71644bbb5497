/* printf_writev: musl's printf (buffered, flushed at exit) and writev/readv with
 * several iovecs move exactly the expected bytes through a pipe. */
#include "testlib.h"

#include <sys/uio.h>
#include <sys/wait.h>

static const char expect_text[] = "-42|str| 3.14|deadbeef|z|%\nabcd\n";

static int child_output(void *arg)
{
	int fd = *(int *)arg;
	struct iovec iov[3] = { { "ab", 2 }, { "", 0 }, { "cd\n", 3 } };

	dup2(fd, 1);
	printf("%d|%s|%5.2f|%lx|%c|%%\n", -42, "str", 3.14159, 0xdeadbeefUL, 'z');
	fflush(stdout);
	if (writev(1, iov, 3) != 5)
		return 3;
	for (int i = 0; i < 1000; i++)   /* 10000 bytes: several buffer flushes */
		printf("%09d\n", i);
	fflush(stdout);
	return 0;
}

int main(void)
{
	int p[2];
	static char got[20000];
	size_t len = 0;
	ssize_t n;

	REQUIRE(pipe(p) == 0, "pipe: expected 0, saw %s", errno_name(errno));
	fflush(stdout);
	pid_t pid = xfork();
	if (pid == 0) {
		close(p[0]);
		_exit(child_output(&p[1]));
	}
	close(p[1]);
	while (len < sizeof(got) - 1 && (n = read(p[0], got + len, sizeof(got) - 1 - len)) > 0)
		len += n;
	close(p[0]);
	got[len] = 0;
	int st = wait_status(pid);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child: expected exit 0, saw %s", status_text(st));

	size_t head = strlen(expect_text);
	EXPECT(len >= head && !memcmp(got, expect_text, head),
	       "printf+writev output: expected \"%s\", saw \"%.*s\"", expect_text, (int)head, got);
	EXPECT_EQ("bytes received", len, head + 10000);
	for (int i = 0; i < 1000 && len == head + 10000; i++) {
		char line[16];
		snprintf(line, sizeof(line), "%09d\n", i);
		if (memcmp(got + head + 10 * i, line, 10)) {
			EXPECT(0, "line %d: expected \"%.9s\", saw \"%.9s\"", i, line, got + head + 10 * i);
			break;
		}
	}

	/* readv scatters one pipe read over two buffers. */
	char a[5], b[10];
	struct iovec riov[2] = { { a, sizeof(a) }, { b, sizeof(b) } };
	REQUIRE(pipe(p) == 0, "pipe: expected 0, saw %s", errno_name(errno));
	EXPECT_EQ("write of 11 bytes", write(p[1], "hello world", 11), 11);
	EXPECT_EQ("readv into 5+10 bytes", readv(p[0], riov, 2), 11);
	EXPECT(!memcmp(a, "hello", 5) && !memcmp(b, " world", 6),
	       "readv: expected \"hello\" + \" world\", saw \"%.5s\" + \"%.6s\"", a, b);
	struct iovec none[1] = { { a, 0 } };
	EXPECT_EQ("writev with 0 iovecs", writev(p[1], none, 0), 0);
	EXPECT_ERRNO("writev with -1 iovecs", writev(p[1], none, -1), EINVAL);
	test_done();
}
