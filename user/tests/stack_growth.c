/* stack_growth: the stack VMA grows down on demand: a 1 MiB deep recursion keeps
 * every frame's data and [stack] in /proc/self/maps grows to cover it, and a touch
 * 2 MiB below the stack pointer (within the 8 MiB limit) grows it too. */
#include "testlib.h"

#include <sys/wait.h>

#define FRAME 1024
#define DEPTH 1024   /* 1 MiB of frames */

static int recurse(int depth)
{
	volatile unsigned char buf[FRAME];

	for (int i = 0; i < FRAME; i++)
		buf[i] = (unsigned char)(depth + i);
	int bad = depth ? recurse(depth - 1) : 0;
	for (int i = 0; i < FRAME; i++)
		if (buf[i] != (unsigned char)(depth + i))
			bad++;
	return bad;
}

static long stack_size(void)
{
	char *maps = read_file_alloc("/proc/self/maps");
	long size = -1;

	for (char *line = maps; line && *line; ) {
		unsigned long s, e;
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = 0;
		if (strstr(line, "[stack]") && sscanf(line, "%lx-%lx", &s, &e) == 2)
			size = e - s;
		line = nl ? nl + 1 : NULL;
	}
	free(maps);
	return size;
}

static int touch_far_below(void *unused)
{
	volatile char here = 1;
	volatile char *far = (volatile char *)((unsigned long)&here - 2 * MB);

	(void)unused;
	*far = 3;
	return *far == 3 && here == 1 ? 0 : 1;
}

int main(void)
{
	long before = stack_size();
	REQUIRE(before > 0, "/proc/self/maps: expected a [stack] VMA, saw none");
	EXPECT_EQ("bytes that changed in 1024 recursive frames", recurse(DEPTH), 0);
	long after = stack_size();
	EXPECT(after >= (long)(DEPTH * FRAME), "[stack] size after a 1 MiB recursion: expected at least %ld, saw %ld (was %ld)",
	       (long)(DEPTH * FRAME), after, before);
	int st = run_in_child(touch_far_below, NULL);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child writing 2 MiB below its stack pointer: expected exited 0, saw %s",
	       status_text(st));
	test_done();
}
