/* mmap_errors: mmap, munmap and mprotect reject bad arguments with Linux's errno:
 * EINVAL for length 0, unaligned addresses or offsets, missing MAP_PRIVATE/SHARED
 * and unknown prot bits; ENOMEM for impossible lengths and ranges past user space;
 * EBADF for a file mapping without a file; ENOMEM from mprotect on unmapped pages.
 * Raw syscalls, so that libc's own checks do not answer first. */
#include "testlib.h"

#include <sys/mman.h>
#include <sys/syscall.h>

#define RW (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)
#define TOP 0x800000000000UL

static long sys_mmap(unsigned long addr, unsigned long len, int prot, int flags, int fd, long off)
{
	return syscall(SYS_mmap, addr, len, prot, flags, fd, off);
}

int main(void)
{
	char *p = mmap_guarded(4 * PAGE_SIZE);
	unsigned long a = (unsigned long)p;

	EXPECT_ERRNO("mmap length 0", sys_mmap(0, 0, RW, ANON, -1, 0), EINVAL);
	EXPECT_ERRNO("mmap MAP_FIXED at an unaligned address", sys_mmap(a + 1, PAGE_SIZE, RW, ANON | MAP_FIXED, -1, 0), EINVAL);
	EXPECT_ERRNO("mmap without MAP_PRIVATE or MAP_SHARED", sys_mmap(0, PAGE_SIZE, RW, MAP_ANONYMOUS, -1, 0), EINVAL);
	EXPECT_ERRNO("mmap with offset 123", sys_mmap(0, PAGE_SIZE, RW, ANON, -1, 123), EINVAL);
	EXPECT_ERRNO("mmap of 2^60 bytes", sys_mmap(0, 1UL << 60, RW, ANON, -1, 0), ENOMEM);
	EXPECT_ERRNO("mmap of -4096 bytes", sys_mmap(0, -PAGE_SIZE, RW, ANON, -1, 0), ENOMEM);
	EXPECT_ERRNO("mmap MAP_FIXED across the top of user space",
		     sys_mmap(TOP - 2 * MB, 4 * MB, RW, ANON | MAP_FIXED, -1, 0), ENOMEM);
	EXPECT_ERRNO("mmap MAP_FIXED at 0xffff800000000000",
		     sys_mmap(0xffff800000000000UL, PAGE_SIZE, RW, ANON | MAP_FIXED, -1, 0), ENOMEM);
	EXPECT_ERRNO("mmap of a file with fd -1", sys_mmap(0, PAGE_SIZE, RW, MAP_PRIVATE, -1, 0), EBADF);

	EXPECT_ERRNO("munmap at an unaligned address", syscall(SYS_munmap, a + 1, PAGE_SIZE), EINVAL);
	EXPECT_ERRNO("munmap length 0", syscall(SYS_munmap, a, 0), EINVAL);
	EXPECT_ERRNO("munmap at 0xffff800000000000", syscall(SYS_munmap, 0xffff800000000000UL, PAGE_SIZE), EINVAL);
	EXPECT_ERRNO("munmap of 2^60 bytes", syscall(SYS_munmap, a, 1UL << 60), EINVAL);

	EXPECT_ERRNO("mprotect at an unaligned address", syscall(SYS_mprotect, a + 1, PAGE_SIZE, PROT_READ), EINVAL);
	EXPECT_ERRNO("mprotect with prot 0x10", syscall(SYS_mprotect, a, PAGE_SIZE, 0x10), EINVAL);
	EXPECT_ERRNO("mprotect over the guard-free hole after munmap",
		     (munmap(p + PAGE_SIZE, PAGE_SIZE), syscall(SYS_mprotect, a, 2 * PAGE_SIZE, PROT_READ)), ENOMEM);
	EXPECT_ERRNO("mprotect of an unmapped page", syscall(SYS_mprotect, a + PAGE_SIZE, PAGE_SIZE, PROT_READ), ENOMEM);
	EXPECT_EQ("mprotect length 0", syscall(SYS_mprotect, a, 0, PROT_READ), 0);
	test_done();
}
