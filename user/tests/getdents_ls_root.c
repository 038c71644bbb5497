/* getdents_ls_root: readdir of / lists ".", "..", bin, proc, sys and tmp once each;
 * the tests directory lists this test; getdents64 with a small buffer resumes where
 * it stopped and yields the same names; a too-small buffer gives EINVAL, a file
 * ENOTDIR, a closed fd EBADF. */
#include "testlib.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/syscall.h>

struct dirent64_ {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

/* Appends each name of fd's directory, read with a buffer of bufsize, to out as
 * "/name/"; returns the number of entries or -errno. */
static long list_raw(const char *path, size_t bufsize, char *out, size_t outsize)
{
	char buf[4096] __attribute__((aligned(8)));
	long count = 0;
	int fd = open(path, O_RDONLY | O_DIRECTORY);

	if (fd < 0)
		return -errno;
	out[0] = 0;
	for (;;) {
		long n = syscall(SYS_getdents64, fd, buf, bufsize);
		if (n < 0) {
			close(fd);
			return -errno;
		}
		if (n == 0)
			break;
		for (long off = 0; off < n; ) {
			struct dirent64_ *e = (void *)(buf + off);
			size_t len = strlen(out);
			snprintf(out + len, outsize - len, "/%s/", e->d_name);
			count++;
			off += e->d_reclen;
		}
	}
	close(fd);
	return count;
}

static int count_name(const char *list, const char *name)
{
	char key[300];
	int n = 0;

	snprintf(key, sizeof(key), "/%s/", name);
	for (const char *p = list; (p = strstr(p, key)); p++)
		n++;
	return n;
}

int main(void)
{
	static char big[65536], small[65536];
	const char *want[] = { ".", "..", "bin", "proc", "sys", "tmp" };

	long n = list_raw("/", sizeof(big) > 4096 ? 4096 : sizeof(big), big, sizeof(big));
	REQUIRE(n > 0, "getdents64 of /: expected entries, saw %ld", n);
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		EXPECT_EQ(want[i], count_name(big, want[i]), 1);

	DIR *d = opendir("/");
	int readdir_count = 0;
	REQUIRE(d, "opendir(\"/\"): expected a DIR, saw %s", errno_name(errno));
	while (readdir(d))
		readdir_count++;
	closedir(d);
	EXPECT_EQ("entries seen by readdir(\"/\") vs getdents64", readdir_count, n);

	n = list_raw(tests_dir(), 4096, big, sizeof(big));
	long m = list_raw(tests_dir(), 80, small, sizeof(small));
	EXPECT_EQ("this test in its directory", count_name(big, test_name()), 1);
	EXPECT_EQ("entries read with an 80-byte buffer vs a 4096-byte one", m, n);
	EXPECT(!strcmp(big, small), "names read with an 80-byte buffer: expected the same as with 4096 bytes");

	int fd = open("/", O_RDONLY | O_DIRECTORY);
	char tiny[8];
	EXPECT_ERRNO("getdents64 with a 1-byte buffer", syscall(SYS_getdents64, fd, tiny, 1), EINVAL);
	close(fd);
	EXPECT_ERRNO("getdents64 on a closed fd", syscall(SYS_getdents64, fd, tiny, sizeof(tiny)), EBADF);
	char self[256];
	snprintf(self, sizeof(self), "%s/getdents_ls_root", tests_dir());
	fd = open(self, O_RDONLY);
	EXPECT_ERRNO("getdents64 on a regular file", syscall(SYS_getdents64, fd, big, 4096), ENOTDIR);
	close(fd);
	test_done();
}
