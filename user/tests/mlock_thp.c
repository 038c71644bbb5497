/* mlock_thp: mlock faults a range in at once (Rss the whole range, huge pages in a
 * MADV_HUGEPAGE range: AnonHugePages), marks it "lo" in VmFlags with Locked: and
 * VmLck counting it; MADV_DONTNEED then refuses it (EINVAL); munlock undoes it;
 * mlock2(MLOCK_ONFAULT) locks without faulting in; mlockall(MCL_FUTURE) makes a new
 * mapping locked and resident; a forked child does not inherit the locks. Errors as
 * Linux: ENOMEM for a hole, EINVAL for bad flags. */
#include "testlib.h"

#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#ifndef MLOCK_ONFAULT
#define MLOCK_ONFAULT 1
#endif

static long status_kb(const char *field)
{
	char *text = read_file_alloc("/proc/self/status");
	char *p = text ? strstr(text, field) : NULL;
	long v = p ? strtol(p + strlen(field), NULL, 10) : -1;
	free(text);
	return v;
}

static int child_sees_unlocked(void *p)
{
	return has_vmflag(p, "lo") ? 3 : 0;
}

int main(void)
{
	thp_set_enabled("madvise");
	char *p = thp_region(4 * MB);

	EXPECT_EQ("Rss (kB) before mlock", smaps_kb(p, "Rss"), 0);
	EXPECT_EQ("mlock of 4 MiB (errno)", mlock(p, 4 * MB) ? errno : 0, 0);
	EXPECT_EQ("Rss (kB) after mlock", smaps_kb(p, "Rss"), 4096);
	EXPECT_EQ("AnonHugePages (kB) after mlock", smaps_kb(p, "AnonHugePages"), 4096);
	EXPECT(has_vmflag(p, "lo"), "VmFlags after mlock: expected lo, saw %s", smaps_vmflags(p));
	EXPECT_EQ("Locked (kB) after mlock", smaps_kb(p, "Locked"), 4096);
	EXPECT_GE("VmLck (kB) after mlock", status_kb("VmLck:"), 4096);
	errno = 0;
	EXPECT(madvise(p, PAGE_SIZE, MADV_DONTNEED) == -1 && errno == EINVAL,
	       "MADV_DONTNEED of a locked page: expected EINVAL, saw %s", errno_name(errno));

	int st = run_in_child(child_sees_unlocked, p);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "a forked child's VMA: expected no lo flag (locks are not "
	       "inherited), saw %s", status_text(st));

	EXPECT_EQ("munlock (errno)", munlock(p, 4 * MB) ? errno : 0, 0);
	EXPECT(!has_vmflag(p, "lo"), "VmFlags after munlock: expected no lo, saw %s", smaps_vmflags(p));
	EXPECT_EQ("Locked (kB) after munlock", smaps_kb(p, "Locked"), 0);
	EXPECT_EQ("Rss (kB) after munlock (pages stay)", smaps_kb(p, "Rss"), 4096);

	/* MLOCK_ONFAULT: locked, nothing faulted in yet */
	char *q = mmap_guarded(16 * PAGE_SIZE);
	EXPECT_EQ("mlock2(MLOCK_ONFAULT) (errno)", syscall(SYS_mlock2, q, 16 * PAGE_SIZE, MLOCK_ONFAULT) ? errno : 0, 0);
	EXPECT(has_vmflag(q, "lo"), "VmFlags after mlock2(MLOCK_ONFAULT): expected lo, saw %s", smaps_vmflags(q));
	EXPECT_EQ("Rss (kB) after mlock2(MLOCK_ONFAULT)", smaps_kb(q, "Rss"), 0);
	errno = 0;
	EXPECT(syscall(SYS_mlock2, q, PAGE_SIZE, 2) == -1 && errno == EINVAL,
	       "mlock2 with unknown flag 2: expected EINVAL, saw %s", errno_name(errno));

	/* a hole: ENOMEM */
	char *hole = mmap(NULL, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(hole, PAGE_SIZE);
	errno = 0;
	EXPECT(mlock(hole, PAGE_SIZE) == -1 && errno == ENOMEM, "mlock of an unmapped page: expected ENOMEM, saw %s",
	       errno_name(errno));

	/* mlockall(MCL_FUTURE): a new mapping comes locked and resident */
	errno = 0;
	EXPECT(mlockall(0) == -1 && errno == EINVAL, "mlockall(0): expected EINVAL, saw %s", errno_name(errno));
	EXPECT_EQ("mlockall(MCL_FUTURE) (errno)", mlockall(MCL_FUTURE) ? errno : 0, 0);
	char *r = mmap(NULL, 8 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	REQUIRE(r != MAP_FAILED, "mmap after mlockall: %s", errno_name(errno));
	EXPECT(has_vmflag(r, "lo"), "VmFlags of a mapping made after mlockall(MCL_FUTURE): expected lo, saw %s",
	       smaps_vmflags(r));
	unsigned char vec[8];
	int resident = 0;
	if (mincore(r, 8 * PAGE_SIZE, vec) == 0)
		for (int i = 0; i < 8; i++)
			resident += vec[i] & 1;
	EXPECT_EQ("resident pages (mincore) of that mapping, never touched", resident, 8);
	EXPECT_EQ("munlockall (errno)", munlockall() ? errno : 0, 0);
	EXPECT(!has_vmflag(r, "lo"), "VmFlags after munlockall: expected no lo, saw %s", smaps_vmflags(r));
	char *s = mmap(NULL, 8 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	EXPECT(s != MAP_FAILED && !has_vmflag(s, "lo"), "a mapping made after munlockall: expected no lo flag");
	test_done();
}
