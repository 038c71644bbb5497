/* kpageflags_thp: /proc/kpageflags and /proc/kpagecount, read at the PFNs that
 * /proc/self/pagemap gives, tell what is behind an address as Linux does: a THP's
 * head (THP, COMPOUND_HEAD, ANON, MMAP) and tails (THP, COMPOUND_TAIL), the huge zero
 * page (THP, ZERO_PAGE), the small zero page (ZERO_PAGE), a plain anonymous page
 * (ANON, MMAP, not compound); kpagecount counts a forked child's mapping too. Reads
 * must be 8-byte aligned (EINVAL otherwise). */
#include "testlib.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/wait.h>

#define KPF_MMAP		11
#define KPF_ANON		12
#define KPF_COMPOUND_HEAD	15
#define KPF_COMPOUND_TAIL	16
#define KPF_THP			22
#define KPF_ZERO_PAGE		24
#define F(bit) (1ULL << (bit))

static uint64_t kpage_word(const char *file, uint64_t pfn)
{
	uint64_t w = ~0ULL;
	int fd = open(file, O_RDONLY);
	if (fd >= 0) {
		if (pread(fd, &w, 8, pfn * 8) != 8)
			w = ~0ULL;
		close(fd);
	}
	return w;
}

static uint64_t flags_at(const void *addr)
{
	uint64_t pfn = PM_PFN(pagemap_entry(addr));
	return pfn ? kpage_word("/proc/kpageflags", pfn) : ~0ULL;
}

/* Do the flags have every bit of want and none of deny? */
#define EXPECT_FLAGS(what, addr, want, deny) do { \
	uint64_t f_ = flags_at(addr); \
	EXPECT(f_ != ~0ULL && (f_ & (want)) == (want) && !(f_ & (deny)), \
	       "kpageflags of %s: expected bits %#llx set and %#llx clear, saw %#llx", what, \
	       (unsigned long long)(want), (unsigned long long)(deny), (unsigned long long)f_); \
} while (0)

int main(void)
{
	if (access("/proc/kpageflags", R_OK) != 0)
		test_skip("/proc/kpageflags is not readable (not root?)");
	if (PM_PFN(pagemap_entry(&main)) == 0)
		test_skip("pagemap shows no PFNs here (not root?)");

	thp_set_enabled("madvise");
	char *p = thp_region(4 * MB);
	p[0] = 1;				/* a THP */
	(void)*(volatile char *)(p + HPAGE_SIZE);	/* a read: the huge zero page */
	REQUIRE(smaps_sum(0, p, 4 * MB, "AnonHugePages") == 2048, "AnonHugePages: expected 2048 kB, saw %ld",
		smaps_sum(0, p, 4 * MB, "AnonHugePages"));

	EXPECT_FLAGS("a THP's head", p, F(KPF_THP) | F(KPF_COMPOUND_HEAD) | F(KPF_ANON) | F(KPF_MMAP),
		     F(KPF_COMPOUND_TAIL) | F(KPF_ZERO_PAGE));
	EXPECT_FLAGS("a THP's tail", p + 77 * PAGE_SIZE, F(KPF_THP) | F(KPF_COMPOUND_TAIL) | F(KPF_ANON) | F(KPF_MMAP),
		     F(KPF_COMPOUND_HEAD) | F(KPF_ZERO_PAGE));
	if (thp_get_long("use_zero_page") == 1)
		EXPECT_FLAGS("the huge zero page", p + HPAGE_SIZE, F(KPF_THP) | F(KPF_ZERO_PAGE), F(KPF_ANON));

	char *q = mmap_guarded(2 * PAGE_SIZE);
	madvise(q, 2 * PAGE_SIZE, MADV_NOHUGEPAGE);
	q[0] = 1;
	(void)*(volatile char *)(q + PAGE_SIZE);
	EXPECT_FLAGS("a 4 KiB anonymous page", q, F(KPF_ANON) | F(KPF_MMAP),
		     F(KPF_THP) | F(KPF_COMPOUND_HEAD) | F(KPF_COMPOUND_TAIL));
	EXPECT_FLAGS("the zero page", q + PAGE_SIZE, F(KPF_ZERO_PAGE), F(KPF_THP) | F(KPF_ANON));

	/* kpagecount: one mapping, then two while a forked child lives */
	uint64_t pfn = PM_PFN(pagemap_entry(p + 5 * PAGE_SIZE));
	EXPECT_EQ("kpagecount of a THP subpage", (long)kpage_word("/proc/kpagecount", pfn), 1);
	int fds[2];
	REQUIRE(pipe(fds) == 0, "pipe: %s", errno_name(errno));
	pid_t pid = xfork();
	if (pid == 0) {
		recv_byte(fds[0]);
		_exit(0);
	}
	EXPECT_EQ("kpagecount of a THP subpage after fork", (long)kpage_word("/proc/kpagecount", pfn), 2);
	send_byte(fds[1], 'x');
	wait_status(pid);
	EXPECT_EQ("kpagecount after the child exited", (long)kpage_word("/proc/kpagecount", pfn), 1);

	/* unaligned reads */
	int fd = open("/proc/kpageflags", O_RDONLY);
	char buf[16];
	errno = 0;
	EXPECT(pread(fd, buf, 8, 4) == -1 && errno == EINVAL,
	       "read of /proc/kpageflags at offset 4: expected EINVAL, saw %s", errno_name(errno));
	errno = 0;
	EXPECT(pread(fd, buf, 5, 0) == -1 && errno == EINVAL,
	       "read of 5 bytes of /proc/kpageflags: expected EINVAL, saw %s", errno_name(errno));
	close(fd);
	test_done();
}
