/* console_is_tty: the console answers TCGETS and TIOCGWINSZ as a terminal (so musl
 * line-buffers stdout), while pipes and regular files answer ENOTTY. On thpkernel
 * fd 1 is the console and must be a tty; on Linux it is checked only when it is one. */
#include "testlib.h"

#include <fcntl.h>
#include <sys/ioctl.h>
#include <termios.h>

int main(void)
{
	struct termios t;
	struct winsize ws;
	int p[2];
	char self[256];

	REQUIRE(pipe(p) == 0, "pipe: expected 0, saw %s", errno_name(errno));
	EXPECT_ERRNO("ioctl(pipe, TCGETS)", ioctl(p[0], TCGETS, &t), ENOTTY);
	EXPECT_ERRNO("ioctl(pipe, TIOCGWINSZ)", ioctl(p[1], TIOCGWINSZ, &ws), ENOTTY);
	snprintf(self, sizeof(self), "%s/console_is_tty", tests_dir());
	int fd = open(self, O_RDONLY);
	EXPECT_ERRNO("ioctl(regular file, TCGETS)", ioctl(fd, TCGETS, &t), ENOTTY);
	close(fd);
	EXPECT_ERRNO("ioctl(closed fd, TCGETS)", ioctl(fd, TCGETS, &t), EBADF);

	if (is_thpkernel() || isatty(1)) {
		EXPECT(isatty(1), "isatty(1) on the console: expected 1, saw 0 (%s)", errno_name(errno));
		EXPECT_EQ("ioctl(1, TCGETS)", ioctl(1, TCGETS, &t), 0);
		EXPECT_EQ("ioctl(1, TIOCGWINSZ)", ioctl(1, TIOCGWINSZ, &ws), 0);
	}
	test_done();
}
