/* mprotect_then_write_segv: after mprotect(PROT_READ) the data reads back but a write
 * kills the writer with SIGSEGV; after PROT_NONE even a read does; after
 * PROT_READ|PROT_WRITE writes work again and nothing was lost. */
#include "testlib.h"

#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>

#define LEN (4 * PAGE_SIZE)

static int write_at(void *p) { *(volatile char *)p = 1; return 0; }
static int read_at(void *p) { return *(volatile char *)p == 99 ? 3 : 0; }
static int check_in_child(void *p) { return check_pattern(p, LEN, 13) == -1 ? 0 : 1; }

static void expect_segv(const char *what, int (*fn)(void *), void *p)
{
	int st = run_in_child(fn, p);

	EXPECT(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "child that %s: expected SIGSEGV, saw %s", what,
	       status_text(st));
}

int main(void)
{
	char *p = mmap_guarded(LEN);
	fill_pattern(p, LEN, 13);

	EXPECT_EQ("mprotect(PROT_READ)", mprotect(p, LEN, PROT_READ), 0);
	EXPECT_EQ("data readable after PROT_READ (first bad offset)", check_pattern(p, LEN, 13), -1);
	expect_segv("writes a PROT_READ page", write_at, p + PAGE_SIZE + 5);
	int st = run_in_child(check_in_child, p);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child reading the PROT_READ pages: expected exited 0, saw %s",
	       status_text(st));

	EXPECT_EQ("mprotect(PROT_NONE)", mprotect(p, LEN, PROT_NONE), 0);
	expect_segv("reads a PROT_NONE page", read_at, p);
	expect_segv("writes a PROT_NONE page", write_at, p + 3 * PAGE_SIZE);

	EXPECT_EQ("mprotect(PROT_READ|PROT_WRITE)", mprotect(p, LEN, PROT_READ | PROT_WRITE), 0);
	EXPECT_EQ("data after PROT_NONE and back (first bad offset)", check_pattern(p, LEN, 13), -1);
	fill_pattern(p, LEN, 14);
	EXPECT_EQ("new data written after PROT_READ|PROT_WRITE (first bad offset)", check_pattern(p, LEN, 14), -1);
	test_done();
}
