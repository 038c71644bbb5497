/* stress_short: thpstress for 20 seconds with 3 processes and a fixed seed: THP faults,
 * forks, partial munmap/mprotect, MADV_DONTNEED, MADV_COLLAPSE, khugepaged with
 * scan_sleep_millisecs=0 and a memory hog pushing MemFree below the low watermark
 * (in a guest of at most 2 GiB). Every page keeps the data written to it, in the
 * processes and in their forked children: 0 mismatches. */
#include "testlib.h"

#include <sys/wait.h>

int main(void)
{
	char *argv[] = { "thpstress", "20", "3", "1", NULL };

	int st = run_program(argv);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "thpstress 20 3 1: expected exited 0, saw %s (its report is above)",
	       status_text(st));
	test_done();
}
