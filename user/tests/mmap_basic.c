/* mmap_basic: anonymous mappings are page-aligned and zero-filled, carry their
 * permissions into /proc/self/maps and into faults (PROT_NONE and PROT_READ kill a
 * child that touches/writes them), MAP_SHARED memory is shared with a child,
 * MAP_POPULATE maps everything at once, and a free hint address is honoured. */
#include "testlib.h"

#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>

#define LEN (64 * KB)

static int read_byte(void *p) { return *(volatile char *)p == 42 ? 3 : 0; }
static int write_byte(void *p) { *(volatile char *)p = 1; return 0; }

static void expect_perms(const char *what, void *p, const char *want)
{
	unsigned long s, e;
	char perms[5] = "";

	EXPECT(maps_find(p, &s, &e, perms) && !strcmp(perms, want), "%s in /proc/self/maps: expected %s, saw %s",
	       what, want, perms[0] ? perms : "no VMA");
}

int main(void)
{
	char *p = mmap(NULL, LEN, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	REQUIRE(p != MAP_FAILED, "mmap 64 KiB: expected success, saw %s", errno_name(errno));
	EXPECT_EQ("mapping address modulo 4096", (unsigned long)p % PAGE_SIZE, 0);
	EXPECT_EQ("first non-zero byte of a new mapping", find_nonzero(p, LEN), -1);
	fill_pattern(p, LEN, 1);
	EXPECT_EQ("pattern read back (first bad offset)", check_pattern(p, LEN, 1), -1);
	expect_perms("PROT_READ|PROT_WRITE private", p, "rw-p");

	char *none = mmap(NULL, PAGE_SIZE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *ro = mmap(NULL, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *rx = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	REQUIRE(none != MAP_FAILED && ro != MAP_FAILED && rx != MAP_FAILED, "mmap: expected success, saw %s",
		errno_name(errno));
	expect_perms("PROT_NONE", none, "---p");
	expect_perms("PROT_READ", ro, "r--p");
	expect_perms("PROT_READ|PROT_EXEC", rx, "r-xp");
	int st = run_in_child(read_byte, none);
	EXPECT(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "child reading PROT_NONE: expected SIGSEGV, saw %s",
	       status_text(st));
	EXPECT_EQ("byte read from a PROT_READ mapping", ro[100], 0);
	st = run_in_child(write_byte, ro);
	EXPECT(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "child writing PROT_READ: expected SIGSEGV, saw %s",
	       status_text(st));

	char *shared = mmap(NULL, 4 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	REQUIRE(shared != MAP_FAILED, "mmap MAP_SHARED: expected success, saw %s", errno_name(errno));
	expect_perms("MAP_SHARED", shared, "rw-s");
	pid_t pid = xfork();
	if (pid == 0) {
		fill_pattern(shared, 4 * PAGE_SIZE, 2);
		_exit(0);
	}
	wait_status(pid);
	EXPECT_EQ("parent reading what the child wrote to MAP_SHARED (first bad offset)",
		  check_pattern(shared, 4 * PAGE_SIZE, 2), -1);

	char *pop = mmap_guarded(256 * KB);   /* guard pages: no neighbour merges into the VMA */
	pop = mmap(pop, 256 * KB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_POPULATE, -1, 0);
	REQUIRE(pop != MAP_FAILED, "mmap MAP_POPULATE: expected success, saw %s", errno_name(errno));
	EXPECT_EQ("Rss (kB) of a 256 KiB MAP_POPULATE mapping before any touch", smaps_kb(pop, "Rss"), 256);
	EXPECT_EQ("first non-zero byte of the populated mapping", find_nonzero(pop, 256 * KB), -1);

	char *hole = mmap(NULL, MB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(hole, MB);
	char *hinted = mmap(hole + 64 * KB, 64 * KB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	EXPECT(hinted == hole + 64 * KB, "mmap with a free hint address: expected %p, saw %p", (void *)(hole + 64 * KB),
	       (void *)hinted);
	test_done();
}
