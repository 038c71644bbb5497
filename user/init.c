/* init: the first process. Mounts /proc and /sys (when pid 1), runs /etc/rc with
   /bin/sh, then the interactive /bin/sh; reaps orphans; exits with the shell's status.
   usage: init [PROGRAM [ARGS...]]   (with a program: run it instead of rc + shell) */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* Fork and exec argv[0]; then reap every child (orphans are reparented to init)
   until that one ends. Returns its exit status, 128+signal if killed, 127 if it
   could not run. */
static int run(char *const argv[])
{
    pid_t pid, w;
    int st;

    if ((pid = fork()) < 0) {
        fprintf(stderr, "init: fork: %s\n", strerror(errno));
        return 127;
    }
    if (pid == 0) {
        execve(argv[0], argv, environ);
        fprintf(stderr, "init: cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    for (;;) {
        w = wait4(-1, &st, 0, NULL);
        if (w == pid)
            return WIFEXITED(st) ? WEXITSTATUS(st) : WIFSIGNALED(st) ? 128 + WTERMSIG(st) : 1;
        if (w < 0 && errno != EINTR) {
            fprintf(stderr, "init: wait4: %s\n", strerror(errno));
            return 127;
        }
    }
}

int main(int argc, char **argv)
{
    static char path[256];
    char *sh[] = { "/bin/sh", NULL };
    char *rc[] = { "/bin/sh", "/etc/rc", NULL };

    if (getpid() == 1) {
        mount("proc", "/proc", "proc", 0, NULL);        /* errors (EBUSY) do not matter */
        mount("sysfs", "/sys", "sysfs", 0, NULL);
    }
    setenv("PATH", "/bin", 0);
    setenv("HOME", "/", 0);
    if (argc > 1) {
        if (!strchr(argv[1], '/') && snprintf(path, sizeof path, "/bin/%s", argv[1]) < (int)sizeof path)
            argv[1] = path;
        return run(argv + 1);
    }
    if (access("/etc/rc", F_OK) == 0)
        run(rc);
    return run(sh);
}
