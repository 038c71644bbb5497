/* mm_syscall_fuzz: thousands of mmap/munmap/mprotect/madvise/brk calls with random
 * (often bad) arguments, and kernel-side touches of random addresses (read/write of
 * a pipe, which fail with EFAULT instead of faulting), run in throw-away children.
 * Every call must return a Linux answer (a page-aligned address or 0, else -1 with an
 * errno), every child must exit normally, and memory must work afterwards.
 * Wild addresses and lengths are only used where they cannot hit the child's own
 * code, stack or heap: fixed-address calls stay inside a 16 MiB arena. */
#include "testlib.h"

#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif
#define ARENA (16 * MB)
#define CHILDREN 10
#define OPS 500

static uint64_t rng;
static char *arena;
static int wpipe[2], rpipe[2];   /* wpipe holds one byte for kernel writes to user memory */

static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static const unsigned long bad_addrs[] = {
	0, 1, 4095, 0x800000000000UL, 0xffff800000000000UL, 0xfffffffffffff000UL, 0x7ffffffff000UL,
};

/* An address inside the arena (mostly page- or 2 MiB-aligned), or a bad one. */
static unsigned long pick_addr(int *in_arena)
{
	unsigned long a = (unsigned long)arena;

	*in_arena = 1;
	switch (rnd() % 8) {
	case 0: return a + rnd() % ARENA;
	case 1: return a + (rnd() % (ARENA / HPAGE_SIZE)) * HPAGE_SIZE;
	case 2: *in_arena = 0; return bad_addrs[rnd() % (sizeof(bad_addrs) / sizeof(bad_addrs[0]))];
	default: return a + (rnd() % (ARENA / PAGE_SIZE)) * PAGE_SIZE;
	}
}

static unsigned long pick_len(unsigned long addr, int in_arena)
{
	unsigned long len;

	switch (rnd() % 8) {
	case 0: len = 0; break;
	case 1: len = 1 + rnd() % 3 * PAGE_SIZE; break;
	case 2: len = HPAGE_SIZE * (1 + rnd() % 3); break;
	case 3: len = in_arena ? ARENA : 1UL << 47; break;
	case 4: len = in_arena ? HPAGE_SIZE + PAGE_SIZE : -PAGE_SIZE; break;
	default: len = (1 + rnd() % 64) * PAGE_SIZE; break;
	}
	if (in_arena && addr + len > (unsigned long)arena + ARENA)   /* never past the arena */
		len = (unsigned long)arena + ARENA - addr;
	return len;
}

static int errno_ok(int e)
{
	return e == EINVAL || e == ENOMEM || e == EEXIST || e == EFAULT || e == EAGAIN || e == EBUSY ||
	       e == EPERM || e == EACCES || e == EBADF || e == EOPNOTSUPP;
}

/* One random call; returns 0 when its answer was a Linux answer. */
static int one_op(void)
{
	static const int advices[] = { MADV_NORMAL, MADV_RANDOM, MADV_SEQUENTIAL, MADV_WILLNEED, MADV_DONTNEED,
				       MADV_HUGEPAGE, MADV_NOHUGEPAGE, MADV_COLLAPSE, 1000, -1 };
	static const int flag_sets[] = { MAP_PRIVATE, MAP_SHARED, MAP_PRIVATE | MAP_POPULATE, MAP_PRIVATE | MAP_NORESERVE,
					 0, MAP_SHARED | MAP_PRIVATE };
	int in_arena;
	unsigned long addr = pick_addr(&in_arena), len = pick_len(addr, in_arena);
	int prot = rnd() % 8 == 0 ? (int)(rnd() & 0xff) : (int)(rnd() % 8);
	long r;
	char c;

	switch (rnd() % 9) {
	case 0: case 1: {
		int fixed = in_arena ? (rnd() % 3 == 0 ? MAP_FIXED : rnd() % 2 ? MAP_FIXED_NOREPLACE : 0) : 0;
		int flags = flag_sets[rnd() % (sizeof(flag_sets) / sizeof(flag_sets[0]))] | MAP_ANONYMOUS | fixed;
		r = syscall(SYS_mmap, addr, len, prot & 7, flags, -1, rnd() % 16 == 0 ? 123 : 0);
		if (r == -1)
			return !errno_ok(errno);
		if (r & (PAGE_SIZE - 1) || ((flags & MAP_FIXED) && (unsigned long)r != addr))
			return 1;
		if ((unsigned long)r < (unsigned long)arena || (unsigned long)r >= (unsigned long)arena + ARENA)
			munmap((void *)r, len);   /* placed by the kernel outside the arena */
		return 0;
	}
	case 2:
		r = syscall(SYS_munmap, addr, len);
		break;
	case 3:
		r = syscall(SYS_mprotect, addr, len, prot);
		break;
	case 4: case 5:
		r = syscall(SYS_madvise, addr, len, advices[rnd() % (sizeof(advices) / sizeof(advices[0]))]);
		break;
	case 6: {
		static unsigned long start;
		if (!start)
			start = syscall(SYS_brk, 0);
		unsigned long want = rnd() % 4 == 0 ? bad_addrs[rnd() % 7] : start + rnd() % (8 * MB);
		r = syscall(SYS_brk, want);
		return r < (long)start;   /* brk answers with the (old or new) break */
	}
	case 7:   /* the kernel writes one byte at addr */
		r = read(wpipe[0], (void *)addr, 1);
		if (r == 1)
			write(wpipe[1], "x", 1);
		break;
	default:   /* the kernel reads one byte at addr */
		r = write(rpipe[1], (void *)addr, 1);
		if (r == 1)
			read(rpipe[0], &c, 1);
		break;
	}
	return r == -1 ? !errno_ok(errno) : r < 0;
}

static int fuzz_child(void *arg)
{
	int bad = 0;

	rng = *(uint64_t *)arg;
	arena = mmap_aligned(ARENA, HPAGE_SIZE);
	if (pipe(wpipe) || pipe(rpipe))
		return 2;
	write(wpipe[1], "x", 1);
	for (int i = 0; i < OPS; i++)
		if (one_op()) {
			printf("%s: op %d: expected a Linux answer, saw an odd one (errno %s)\n", test_name(), i,
			       errno_name(errno));
			bad++;
		}
	return bad ? 1 : 0;
}

int main(void)
{
	uint64_t seed = getenv("FUZZ_SEED") ? strtoull(getenv("FUZZ_SEED"), NULL, 0) : 0x7468706b65726e6cULL;

	for (int i = 0; i < CHILDREN; i++) {
		uint64_t s = seed + i * 0x9E3779B97F4A7C15ULL;
		int st = run_in_child(fuzz_child, &s);
		EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "fuzz child %d (FUZZ_SEED=%#llx): expected exited 0, saw %s",
		       i, (unsigned long long)seed, status_text(st));
	}
	char *p = mmap_aligned(4 * MB, HPAGE_SIZE);
	madvise(p, 4 * MB, MADV_HUGEPAGE);
	fill_pattern(p, 4 * MB, 23);
	EXPECT_EQ("memory after the fuzzing (first bad offset)", check_pattern(p, 4 * MB, 23), -1);
	test_done();
}
