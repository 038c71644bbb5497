/* cow_isolation_after_fork: after fork, private memory (an mmap region, a static
 * array, a stack array) is copied on write: each side's writes stay invisible to the
 * other in both directions, while a MAP_SHARED region stays shared. */
#include "testlib.h"

#include <sys/mman.h>
#include <sys/wait.h>

#define LEN (1 * MB)
#define HALF (LEN / 2)

static unsigned long statics[1024];

/* The child: writes its own data, then checks that the parent's later writes did not
 * reach it. Exit 0 when everything it saw was right. */
static int child(char *p, unsigned long *stack_arr, char *shared, int to_parent, int from_parent)
{
	int bad = 0;

	bad |= check_pattern(p, LEN, 1) != -1;
	fill_pattern(p, HALF, 2);
	bad |= check_pattern(p + HALF, HALF, 1) != -1;
	statics[5] = 222;
	stack_arr[7] = 333;
	shared[0] = 'c';
	send_byte(to_parent, 'w');
	recv_byte(from_parent);
	bad |= check_pattern(p, HALF, 2) != -1;
	bad |= check_pattern(p + HALF, HALF, 1) != -1;
	bad |= statics[5] != 222 || stack_arr[7] != 333;
	bad |= shared[1] != 'p';
	return bad;
}

int main(void)
{
	unsigned long stack_arr[16] = { 0 };
	int up[2], down[2];
	char *p = mmap(NULL, LEN, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *shared = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	REQUIRE(p != MAP_FAILED && shared != MAP_FAILED, "mmap: expected success, saw %s", errno_name(errno));
	REQUIRE(pipe(up) == 0 && pipe(down) == 0, "pipe: expected 0, saw %s", errno_name(errno));
	fill_pattern(p, LEN, 1);
	statics[5] = 111;
	stack_arr[7] = 111;

	pid_t pid = xfork();
	if (pid == 0)
		_exit(child(p, stack_arr, shared, up[1], down[0]));
	EXPECT_EQ("child's signal that it wrote", recv_byte(up[0]), 'w');
	EXPECT_EQ("parent's region after the child wrote half (first bad offset)", check_pattern(p, LEN, 1), -1);
	EXPECT_EQ("parent's static after the child wrote it", statics[5], 111);
	EXPECT_EQ("parent's stack array after the child wrote it", stack_arr[7], 111);
	EXPECT_EQ("MAP_SHARED byte the child wrote", shared[0], 'c');
	fill_pattern(p + HALF, HALF, 3);
	statics[5] = 444;
	stack_arr[7] = 444;
	shared[1] = 'p';
	send_byte(down[1], 'p');
	int st = wait_status(pid);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	       "child (its data kept, parent's writes unseen, shared write seen): expected exited 0, saw %s",
	       status_text(st));
	EXPECT_EQ("parent's first half after the child exited (first bad offset)", check_pattern(p, HALF, 1), -1);
	EXPECT_EQ("parent's second half, rewritten by the parent (first bad offset)", check_pattern(p + HALF, HALF, 3), -1);
	test_done();
}
