/* brk_grow_shrink: brk grows the heap ([heap] in /proc/self/maps) with zeroed memory,
 * shrinking it unmaps the pages above (a child touching them gets SIGSEGV), growing
 * again gives zeros; a break below the start or one that would run into another
 * mapping is refused (brk returns the old break); malloc works on top. Raw brk
 * syscalls. */
#include "testlib.h"

#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#define GROW (1 * MB)

static unsigned long sys_brk(unsigned long b) { return syscall(SYS_brk, b); }
static int touch(void *p) { return *(volatile char *)p == 5 ? 3 : 0; }

/* No malloc here: musl's malloc would take heap pages that this test then unmaps. */
static int heap_covers(unsigned long lo, unsigned long hi)
{
	static char maps[65536];
	int found = 0;

	if (read_file("/proc/self/maps", maps, sizeof(maps)) < 0)
		return 0;
	for (char *line = maps; line && *line; ) {
		unsigned long s, e;
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = 0;
		if (strstr(line, "[heap]") && sscanf(line, "%lx-%lx", &s, &e) == 2 && s <= lo && e >= hi)
			found = 1;
		line = nl ? nl + 1 : NULL;
	}
	return found;
}

int main(void)
{
	unsigned long cur = sys_brk(0);
	unsigned long base = (cur + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	unsigned long top = base + GROW;

	EXPECT_EQ("brk(break + 1 MiB)", sys_brk(top), top);
	EXPECT_EQ("first non-zero byte of the grown heap", find_nonzero((void *)base, GROW), -1);
	fill_pattern((void *)base, GROW, 18);
	EXPECT_EQ("heap data (first bad offset)", check_pattern((void *)base, GROW, 18), -1);
	EXPECT(heap_covers(base, top), "/proc/self/maps: expected a [heap] VMA covering %#lx-%#lx", base, top);

	EXPECT_EQ("brk(base + 4 KiB) to shrink", sys_brk(base + PAGE_SIZE), base + PAGE_SIZE);
	int st = run_in_child(touch, (void *)(base + GROW / 2));
	EXPECT(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "child touching the heap above the break: expected SIGSEGV, saw %s",
	       status_text(st));
	EXPECT_EQ("first page kept (first bad offset)", check_pattern((void *)base, PAGE_SIZE, 18), -1);
	EXPECT_EQ("brk(base + 1 MiB) again", sys_brk(top), top);
	EXPECT_EQ("first non-zero byte of the regrown part", find_nonzero((void *)(base + PAGE_SIZE), GROW - PAGE_SIZE), -1);

	EXPECT_EQ("brk(4096) below the heap start: the break stays", sys_brk(4096), top);
	char *above = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	REQUIRE(above != MAP_FAILED && (unsigned long)above > top, "mmap above the heap: expected an address above %#lx, saw %p",
		top, (void *)above);
	EXPECT_EQ("brk into an mmap'ed page above the heap: the break stays", sys_brk((unsigned long)above + PAGE_SIZE), top);
	EXPECT_EQ("brk(cur) back to the start", sys_brk(cur), cur);

	void *blocks[1000];
	for (int i = 0; i < 1000; i++) {
		blocks[i] = malloc(16 + i);
		REQUIRE(blocks[i], "malloc(%d): expected memory, saw NULL", 16 + i);
		memset(blocks[i], i & 0xff, 16 + i);
	}
	for (int i = 0; i < 1000; i++) {
		EXPECT(((unsigned char *)blocks[i])[15 + i] == (i & 0xff), "malloc block %d: expected its bytes back", i);
		free(blocks[i]);
	}
	test_done();
}
