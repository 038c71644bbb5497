/* fuzz_short: the system-call fuzzer (/bin/fuzz) with a fixed seed, 20,000 calls in 4
 * processes: no call may return anything but a result or a Linux errno, no process may
 * die or hang, the data and descriptors each process keeps must stay right, and on
 * thpkernel memory must come back to its baseline and the debug_vm self-check say ok.
 * FUZZ_SEED and FUZZ_CALLS change the run. */
#include "testlib.h"

#include <sys/wait.h>

int main(void)
{
	char *seed = getenv("FUZZ_SEED") ? getenv("FUZZ_SEED") : "1";
	char *calls = getenv("FUZZ_CALLS") ? getenv("FUZZ_CALLS") : "20000";
	char *argv[] = { "fuzz", seed, calls, "4", NULL };

	int st = run_program(argv);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "fuzz %s %s 4: expected exited 0, saw %s (its report is above)",
	       seed, calls, status_text(st));
	test_done();
}
