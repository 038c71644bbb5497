/* kill: send a signal (default TERM) to processes.
   usage: kill [-SIGNUM | -NAME | -s NAME] PID...    kill -l: list signal names */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct { const char *name; int num; } signames[] = {
    { "HUP", SIGHUP }, { "INT", SIGINT }, { "QUIT", SIGQUIT }, { "ILL", SIGILL },
    { "TRAP", SIGTRAP }, { "ABRT", SIGABRT }, { "BUS", SIGBUS }, { "FPE", SIGFPE },
    { "KILL", SIGKILL }, { "USR1", SIGUSR1 }, { "SEGV", SIGSEGV }, { "USR2", SIGUSR2 },
    { "PIPE", SIGPIPE }, { "ALRM", SIGALRM }, { "TERM", SIGTERM }, { "CHLD", SIGCHLD },
    { "CONT", SIGCONT }, { "STOP", SIGSTOP }, { "TSTP", SIGTSTP },
};
#define NSIGNAMES (sizeof signames / sizeof signames[0])

/* Signal number of "9", "KILL", "kill" or "SIGKILL"; -1 if unknown. */
static int signum(const char *s)
{
    char *end;
    long n = strtol(s, &end, 10);

    if (*s && !*end)
        return n >= 0 && n < 65 ? n : -1;
    if (strncasecmp(s, "SIG", 3) == 0)
        s += 3;
    for (size_t i = 0; i < NSIGNAMES; i++)
        if (strcasecmp(s, signames[i].name) == 0)
            return signames[i].num;
    return -1;
}

int main(int argc, char **argv)
{
    int sig = SIGTERM, i = 1, ret = 0;

    if (argc == 2 && strcmp(argv[1], "-l") == 0) {
        for (size_t k = 0; k < NSIGNAMES; k++)
            printf("%2d %s\n", signames[k].num, signames[k].name);
        return 0;
    }
    if (i < argc && strcmp(argv[i], "-s") == 0 && i + 1 < argc) {
        if ((sig = signum(argv[i + 1])) < 0)
            goto badsig;
        i += 2;
    } else if (i < argc && strcmp(argv[i], "--") == 0) {
        i++;
    } else if (i < argc && argv[i][0] == '-' && argv[i][1]) {
        if ((sig = signum(argv[i] + 1)) < 0)
            goto badsig;
        i++;
    }
    if (i == argc) {
        fprintf(stderr, "usage: kill [-SIGNUM | -NAME | -s NAME] PID...\n       kill -l\n");
        return 2;
    }
    for (; i < argc; i++) {
        char *end;
        long pid = strtol(argv[i], &end, 10);
        if (end == argv[i] || *end) {
            fprintf(stderr, "kill: %s: not a process ID\n", argv[i]);
            ret = 1;
        } else if (kill(pid, sig) < 0) {
            fprintf(stderr, "kill: (%ld) - %s\n", pid, strerror(errno));
            ret = 1;
        }
    }
    return ret;
badsig:
    fprintf(stderr, "kill: unknown signal '%s'; kill -l lists them\n",
            argv[i][1] == 's' && !argv[i][2] ? argv[i + 1] : argv[i] + 1);
    return 2;
}
