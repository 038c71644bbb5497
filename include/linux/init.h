/* Boot: the command line (kernel/cmdline.c) and the boot-time self-tests. */
#ifndef _LINUX_INIT_H
#define _LINUX_INIT_H

#include <linux/types.h>

#define MAX_INIT_ARGS 32

/* What the command line decided (DESIGN.md §4). */
struct boot_params {
	const char *init_argv[MAX_INIT_ARGS + 1];	/* init= PATH and its ARGS */
	const char *init_envp[MAX_INIT_ARGS + 1];
	int init_argc, init_envc;
	bool selftest;			/* run the boot self-tests, then power off */
	bool debug_vm;			/* kernel self-checks (test boots) */
	unsigned long jitter_seed;	/* jitter=SEED (0: off) */
};
extern struct boot_params boot_params;

/* jitter=SEED's pseudo-random streams, one per user, so that one user's
 * draws do not shift another's sequence. */
enum jitter_stream { JITTER_KHUGEPAGED, JITTER_TICK };

/* The next number of a stream (xorshift64; *state starts at 0). Only with
 * jitter on (boot_params.jitter_seed != 0). */
static inline u64 jitter_next(u64 *state, enum jitter_stream stream)
{
	u64 x = *state;

	if (!x)
		x = (boot_params.jitter_seed ^ ((u64)stream << 32)) * 0x9E3779B97F4A7C15UL | 1;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	*state = x;
	return x;
}

/* A handler for one NAME=VALUE (or bare NAME) parameter; returns 0 if it
 * took the value, -EINVAL if the value is bad. */
struct kernel_param {
	const char *name;
	int (*set)(const char *val);
	bool prefix;			/* name ends with '.' and matches NAME.X */
};

int parse_cmdline(char *cmdline, const struct kernel_param *params, int nparams,
		  struct boot_params *out);
void setup_cmdline(char *cmdline);
int run_selftests(void);

#endif
