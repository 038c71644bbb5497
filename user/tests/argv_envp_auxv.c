/* argv_envp_auxv: a program started by execve sees its argv and envp exactly as
 * passed, envp right after argv's NULL, and the auxiliary vector Linux gives
 * (AT_PAGESZ, AT_RANDOM, AT_PHDR/AT_PHENT/AT_PHNUM describing its own image, AT_ENTRY). */
#include "testlib.h"

#include <elf.h>
#include <sys/auxv.h>
#include <sys/wait.h>

extern char **environ;
extern void _start(void);

static char *const child_argv_tail[] = { "child", "two words", "", "last" };
static char long_value[300];

static void check_auxv(void)
{
	EXPECT_EQ("getauxval(AT_PAGESZ)", getauxval(AT_PAGESZ), 4096);
	EXPECT_EQ("getauxval(AT_ENTRY) == &_start", getauxval(AT_ENTRY), (unsigned long)_start);
	EXPECT_EQ("getauxval(AT_PHENT)", getauxval(AT_PHENT), sizeof(Elf64_Phdr));

	const unsigned char *rnd = (const void *)getauxval(AT_RANDOM);
	EXPECT(rnd != NULL, "AT_RANDOM: expected a pointer to 16 bytes, saw NULL");

	const Elf64_Phdr *ph = (const void *)getauxval(AT_PHDR);
	unsigned long phnum = getauxval(AT_PHNUM), bias = 0, code = (unsigned long)check_auxv;
	int text_found = 0;
	REQUIRE(ph && phnum > 0, "AT_PHDR/AT_PHNUM: expected the program headers, saw %p/%lu",
		(void *)ph, phnum);
	for (unsigned long i = 0; i < phnum; i++)
		if (ph[i].p_type == PT_PHDR)
			bias = (unsigned long)ph - ph[i].p_vaddr;
	for (unsigned long i = 0; i < phnum; i++)
		if (ph[i].p_type == PT_LOAD && (ph[i].p_flags & PF_X) &&
		    code >= bias + ph[i].p_vaddr && code < bias + ph[i].p_vaddr + ph[i].p_memsz)
			text_found = 1;
	EXPECT(text_found, "AT_PHDR: expected an executable PT_LOAD containing the code at %#lx, saw none",
	       code);
}

/* The exec'ed side: checks what it was given and writes its AT_RANDOM bytes to fd 3. */
static int child_main(int argc, char **argv)
{
	int n = sizeof(child_argv_tail) / sizeof(child_argv_tail[0]);

	EXPECT_EQ("argc", argc, n + 1);
	for (int i = 0; i < n && i + 1 < argc; i++)
		EXPECT(!strcmp(argv[i + 1], child_argv_tail[i]), "argv[%d]: expected \"%s\", saw \"%s\"",
		       i + 1, child_argv_tail[i], argv[i + 1]);
	EXPECT(argv[argc] == NULL, "argv[argc]: expected NULL, saw %p", (void *)argv[argc]);
	EXPECT(environ == argv + argc + 1, "envp: expected right after argv's NULL (%p), saw %p",
	       (void *)(argv + argc + 1), (void *)environ);

	memset(long_value, 'v', sizeof(long_value) - 1);
	const char *want_env[] = { "ALPHA=1", "EMPTY=", NULL };
	int i = 0;
	for (; want_env[i]; i++)
		EXPECT(environ[i] && !strcmp(environ[i], want_env[i]), "envp[%d]: expected \"%s\", saw \"%s\"",
		       i, want_env[i], environ[i] ? environ[i] : "(null)");
	EXPECT(environ[i] && !strncmp(environ[i], "LONG=", 5) && !strcmp(environ[i] + 5, long_value),
	       "envp[%d]: expected LONG= and 299 'v's, saw \"%.20s...\"", i, environ[i] ? environ[i] : "(null)");
	EXPECT(environ[i] && environ[i + 1] == NULL, "envp[%d]: expected NULL after 3 strings", i + 1);
	EXPECT(getenv("EMPTY") && !*getenv("EMPTY"), "getenv(\"EMPTY\"): expected \"\"");

	check_auxv();
	const void *rnd = (const void *)getauxval(AT_RANDOM);
	if (rnd)
		write(3, rnd, 16);
	fflush(stdout);
	return test_failures ? 1 : 0;
}

/* Execs this program with known argv/envp; returns its AT_RANDOM bytes in rnd. */
static void run_child(const char *path, unsigned char rnd[16])
{
	int p[2];
	char env_long[310];
	char *argv[] = { "argv_envp_auxv", child_argv_tail[0], child_argv_tail[1],
			 child_argv_tail[2], child_argv_tail[3], NULL };
	char *envp[] = { "ALPHA=1", "EMPTY=", env_long, NULL };

	memset(long_value, 'v', sizeof(long_value) - 1);
	snprintf(env_long, sizeof(env_long), "LONG=%s", long_value);
	REQUIRE(pipe(p) == 0, "pipe: expected 0, saw %s", errno_name(errno));
	pid_t pid = xfork();
	if (pid == 0) {
		dup2(p[1], 3);
		execve(path, argv, envp);
		printf("%s: execve %s: expected success, saw %s\n", test_name(), path, errno_name(errno));
		_exit(2);
	}
	close(p[1]);
	memset(rnd, 0, 16);
	long got = 0;
	for (ssize_t r; got < 16 && (r = read(p[0], rnd + got, 16 - got)) > 0; got += r)
		;
	close(p[0]);
	int st = wait_status(pid);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "exec'ed child: expected exit 0, saw %s",
	       status_text(st));
	EXPECT_EQ("AT_RANDOM bytes received from the child", got, 16);
}

int main(int argc, char **argv)
{
	char path[256];
	unsigned char r1[16], r2[16];

	if (argc > 1 && !strcmp(argv[1], "child"))
		return child_main(argc, argv);

	check_auxv();
	snprintf(path, sizeof(path), "%s/argv_envp_auxv", tests_dir());
	run_child(path, r1);
	run_child(path, r2);
	EXPECT(memcmp(r1, r2, 16) != 0, "AT_RANDOM: expected different bytes in two execs, saw the same");
	static const unsigned char zero[16];
	EXPECT(memcmp(r1, zero, 16) != 0, "AT_RANDOM: expected random bytes, saw 16 zeros");
	test_done();
}
