/* null_deref_sigsegv: a child that reads or writes NULL, a kernel or non-canonical
 * address, writes its own code or jumps into a non-executable page dies of SIGSEGV;
 * its parent sees WIFSIGNALED with WTERMSIG == SIGSEGV and goes on unharmed. */
#include "testlib.h"

#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>

static int write_at(void *addr) { *(volatile int *)addr = 1; return 0; }
static int read_at(void *addr) { return *(volatile int *)addr == 12345 ? 3 : 4; }
static int write_code(void *unused) { (void)unused; *(volatile char *)(void *)read_at = 0; return 0; }

static int jump_to_data(void *unused)
{
	(void)unused;
	unsigned char *page = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE,
				   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (page == MAP_FAILED)
		return 5;
	page[0] = 0xc3;   /* ret */
	((void (*)(void))page)();
	return 0;
}

static void expect_segv(const char *what, int (*fn)(void *), void *arg)
{
	int st = run_in_child(fn, arg);

	EXPECT(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "child that %s: expected killed by signal 11 (SIGSEGV), saw %s",
	       what, status_text(st));
}

int main(void)
{
	static char keep[PAGE_SIZE];

	fill_pattern(keep, sizeof(keep), 9);
	expect_segv("writes NULL", write_at, NULL);
	expect_segv("reads NULL", (int (*)(void *))read_at, NULL);
	expect_segv("writes 0xffff800000000000 (kernel half)", write_at, (void *)0xffff800000000000UL);
	expect_segv("reads 0x0000800000000000 (non-canonical)", (int (*)(void *))read_at,
		    (void *)0x0000800000000000UL);
	expect_segv("writes its own code", write_code, NULL);
	expect_segv("jumps into a read-write page", jump_to_data, NULL);
	EXPECT_EQ("parent's data after the crashes (first bad offset)", check_pattern(keep, sizeof(keep), 9), -1);
	test_done();
}
