/* shell_script_redirection: /bin/sh runs a script file with > and < redirections,
 * a pipe into grep and ';', and the files it writes hold exactly the expected text. */
#include "testlib.h"

#include <fcntl.h>
#include <sys/wait.h>

#define DIR_ "/tmp/thp_sh_test"

static const char script[] =
	"echo hello > " DIR_ ".a\n"
	"echo world > " DIR_ ".b\n"
	"cat " DIR_ ".a " DIR_ ".b > " DIR_ ".c\n"
	"cat < " DIR_ ".c | grep wor > " DIR_ ".d ; echo done > " DIR_ ".e\n";

static const struct { const char *path, *text; } outputs[] = {
	{ DIR_ ".a", "hello\n" }, { DIR_ ".b", "world\n" }, { DIR_ ".c", "hello\nworld\n" },
	{ DIR_ ".d", "world\n" }, { DIR_ ".e", "done\n" },
};
#define NOUT (sizeof(outputs) / sizeof(outputs[0]))

int main(void)
{
	char buf[256];

	if (access("/bin/sh", X_OK) != 0)
		test_skip("no /bin/sh");
	int fd = open(DIR_ ".sh", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		test_skip("cannot create %s.sh (%s): /tmp must be writable", DIR_, errno_name(errno));
	EXPECT_EQ("script bytes written", write(fd, script, strlen(script)), strlen(script));
	close(fd);
	for (size_t i = 0; i < NOUT; i++) {   /* stale outputs of an earlier run must not count */
		fd = open(outputs[i].path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd >= 0)
			close(fd);
	}

	pid_t pid = xfork();
	if (pid == 0) {
		char *argv[] = { "sh", DIR_ ".sh", NULL };
		char *envp[] = { "PATH=/bin:/usr/bin", NULL };
		execve("/bin/sh", argv, envp);
		_exit(127);
	}
	int st = wait_status(pid);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "sh %s.sh: expected exited 0, saw %s", DIR_, status_text(st));
	for (size_t i = 0; i < NOUT; i++) {
		long n = read_file(outputs[i].path, buf, sizeof(buf));
		EXPECT(n >= 0 && !strcmp(buf, outputs[i].text), "%s: expected \"%s\", saw %s\"%s\"", outputs[i].path,
		       outputs[i].text, n < 0 ? errno_name(-n) : "", n < 0 ? "" : buf);
	}
	if (!is_thpkernel()) {   /* thpkernel has no unlink; its /tmp goes away at power-off */
		unlink(DIR_ ".sh");
		for (size_t i = 0; i < NOUT; i++)
			unlink(outputs[i].path);
	}
	test_done();
}
