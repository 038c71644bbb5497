/* write_bad_pointer_efault: system calls given bad user pointers (NULL, unmapped,
 * PROT_NONE, read-only for a write, kernel-half, non-canonical) fail with EFAULT and
 * the process goes on unharmed. Raw syscalls, so that libc adds no checks. */
#include "testlib.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>

#define KADDR ((void *)0xffff800000000000UL)
#define NONCANON ((void *)0x0000800000000000UL)

int main(void)
{
	int p[2];
	static char keep[16384];
	char self[256];

	fill_pattern(keep, sizeof(keep), 5);
	REQUIRE(pipe(p) == 0, "pipe: expected 0, saw %s", errno_name(errno));
	char *pages = mmap(NULL, 3 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	REQUIRE(pages != MAP_FAILED, "mmap: expected success, saw %s", errno_name(errno));
	char *unmapped = pages, *none = pages + PAGE_SIZE, *ro = pages + 2 * PAGE_SIZE;
	munmap(unmapped, PAGE_SIZE);
	mprotect(none, PAGE_SIZE, PROT_NONE);
	ro[0] = 'r';
	mprotect(ro, PAGE_SIZE, PROT_READ);
	void *bad[] = { NULL, unmapped, none, KADDR, NONCANON };
	const char *bad_name[] = { "NULL", "an unmapped page", "a PROT_NONE page", "0xffff800000000000",
				   "0x0000800000000000" };
	char what[128];

	for (int i = 0; i < 5; i++) {
		snprintf(what, sizeof(what), "write(pipe, %s, 10)", bad_name[i]);
		EXPECT_ERRNO(what, syscall(SYS_write, p[1], bad[i], 10), EFAULT);
		snprintf(what, sizeof(what), "open(%s)", bad_name[i]);
		EXPECT_ERRNO(what, syscall(SYS_open, bad[i], O_RDONLY), EFAULT);
		snprintf(what, sizeof(what), "pipe(%s)", bad_name[i]);
		EXPECT_ERRNO(what, syscall(SYS_pipe, bad[i]), EFAULT);
		snprintf(what, sizeof(what), "fstat(0, %s)", bad_name[i]);
		EXPECT_ERRNO(what, syscall(SYS_fstat, 0, bad[i]), EFAULT);
		snprintf(what, sizeof(what), "uname(%s)", bad_name[i]);
		EXPECT_ERRNO(what, syscall(SYS_uname, bad[i]), EFAULT);
		snprintf(what, sizeof(what), "clock_gettime(CLOCK_MONOTONIC, %s)", bad_name[i]);
		EXPECT_ERRNO(what, syscall(SYS_clock_gettime, 1, bad[i]), EFAULT);
		snprintf(what, sizeof(what), "nanosleep(%s, NULL)", bad_name[i]);
		EXPECT_ERRNO(what, syscall(SYS_nanosleep, bad[i], NULL), EFAULT);
		snprintf(what, sizeof(what), "getcwd(%s, 100)", bad_name[i]);
		EXPECT_ERRNO(what, syscall(SYS_getcwd, bad[i], 100), EFAULT);
		snprintf(what, sizeof(what), "execve(%s, argv, envp)", bad_name[i]);
		char *argv[] = { "x", NULL };
		EXPECT_ERRNO(what, syscall(SYS_execve, bad[i], argv, argv + 1), EFAULT);
		struct iovec iov = { bad[i], 10 };
		snprintf(what, sizeof(what), "writev with iov_base %s", bad_name[i]);
		EXPECT_ERRNO(what, syscall(SYS_writev, p[1], &iov, 1), EFAULT);
		snprintf(what, sizeof(what), "writev with the iovec array at %s", bad_name[i]);
		EXPECT_ERRNO(what, syscall(SYS_writev, p[1], bad[i], 1), EFAULT);
	}
	snprintf(self, sizeof(self), "%s/write_bad_pointer_efault", tests_dir());
	EXPECT_ERRNO("execve(self, argv at 0xffff800000000000)", syscall(SYS_execve, self, KADDR, NULL), EFAULT);

	/* Reads need data waiting in the pipe; they must not consume it. */
	EXPECT_EQ("write of 4 bytes to the pipe", write(p[1], "data", 4), 4);
	for (int i = 0; i < 5; i++) {
		snprintf(what, sizeof(what), "read(pipe, %s, 4)", bad_name[i]);
		EXPECT_ERRNO(what, syscall(SYS_read, p[0], bad[i], 4), EFAULT);
	}
	EXPECT_ERRNO("read(pipe, a read-only page, 4)", syscall(SYS_read, p[0], ro, 4), EFAULT);
	EXPECT(ro[0] == 'r', "read-only page after a failed read: expected 'r', saw '%c'", ro[0]);
	EXPECT_EQ("write(pipe, NULL, 0)", syscall(SYS_write, p[1], NULL, 0), 0);

	EXPECT_EQ("parent's data after the bad calls (first bad offset)", check_pattern(keep, sizeof(keep), 5), -1);
	char buf[8] = { 0 };
	long n = read(p[0], buf, sizeof(buf));
	EXPECT(n > 0 && !memcmp(buf, "data", 4), "pipe after the failed reads: expected \"data\" first, saw %ld bytes \"%.4s\"",
	       n, buf);
	test_done();
}
