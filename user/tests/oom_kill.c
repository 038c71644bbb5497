/* oom_kill: a child that touches more memory than the machine has is killed with
 * SIGKILL by the OOM killer, its parent's wait4 sees it, and memory works afterwards.
 * Needs a guest of at most 2 GiB. */
#include "testlib.h"

#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>

#define CHUNK (64 * MB)

static int hog(void *unused)
{
	size_t total = 0, limit = (size_t)meminfo_kb("MemTotal") * KB + 256 * MB;

	(void)unused;
	while (total < limit) {
		char *c = mmap(NULL, CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (c == MAP_FAILED)
			return 2;
		madvise(c, CHUNK, MADV_NOHUGEPAGE);
		touch_pages(c, CHUNK);
		total += CHUNK;
	}
	return 0;
}

int main(void)
{
	skip_unless_small_memory();
	int st = run_in_child(hog, NULL);
	EXPECT(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL,
	       "child touching MemTotal + 256 MiB: expected killed by signal 9 (SIGKILL), saw %s", status_text(st));
	char *p = mmap_aligned(16 * MB, HPAGE_SIZE);
	fill_pattern(p, 16 * MB, 63);
	EXPECT_EQ("16 MiB written after the OOM kill (first bad offset)", check_pattern(p, 16 * MB, 63), -1);
	test_done();
}
