/* sh: the small shell of thpkernel; init runs it for /etc/rc and for the console.
   Commands with quotes, ; & && || pipes, redirections (< > >> 2> 2>&1), $? $$ $!,
   background jobs, and the builtins cd exit jobs wait kill help pwd. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAXLINE 4096        /* longest input line */
#define MAXTOK  256         /* words and operators in one line */
#define MAXPIPE 16          /* commands in one pipeline */
#define MAXJOBS 32          /* background jobs at once */
#define XMARK   '\001'      /* in a word: "$" to expand at run time ($? must be fresh) */

extern char **environ;

enum { T_WORD, T_PIPE, T_SEMI, T_AMP, T_AND, T_OR, T_REDIR };   /* token types */
enum { R_READ, R_TRUNC, R_APPEND };                             /* redirection modes */

struct token {
    int type;
    int pos, len;           /* where the token is in the line (for messages) */
    char *word;             /* T_WORD: the text, quotes removed, in wordbuf */
    int fd, mode, dupfd;    /* T_REDIR: "fd>file" or "fd>&dupfd" (dupfd >= 0) */
};

struct redir {
    int fd, mode, dupfd;
    char *file;
};

struct cmd {                /* one program or builtin of a pipeline */
    char **argv;            /* argc words, then NULL */
    int argc;
    struct redir *redir;
    int nredir;
};

struct pipeline {           /* cmd[0] | cmd[1] | ... followed by op */
    struct cmd *cmd;
    int ncmd;
    int op;                 /* T_SEMI, T_AMP, T_AND or T_OR */
    int start, end;         /* its text in the line, for the jobs table */
};

struct job {
    int used;
    pid_t pid[MAXPIPE];     /* 0 once reaped */
    int npid;
    int status;             /* wait status of the last command */
    char text[80];
};

static char line[MAXLINE];
static char wordbuf[4 * MAXLINE];
static struct token tok[MAXTOK];
static int ntok;
static char *argvpool[2 * MAXTOK + 2];
static struct redir redirpool[MAXTOK];
static struct cmd cmdpool[MAXTOK + 1];
static struct pipeline pipes[MAXTOK + 1];
static char xbuf[16 * MAXLINE];     /* expanded words of the running pipeline */
static int xlen;

static struct job jobs[MAXJOBS];
static int status;          /* $? */
static pid_t lastbg;        /* $! */
static int jobmsgs;         /* print "[N] PID" and "[N] Done"? (not for scripts) */
static int bgshell;         /* this shell runs in the background: children ignore ^C */
static char selfdir[PATH_MAX];  /* where this sh lives: second place to look for commands */

/* ---------- reading lines ---------- */

struct reader {
    int fd;
    int chunk;              /* bytes per read(): 1 on a pipe or file shared with children */
    char buf[MAXLINE];
    int pos, len;
};

/* Next byte of input, or -1 at end of file or on a read error. */
static int readchar(struct reader *r)
{
    if (r->pos == r->len) {
        int n;
        do
            n = read(r->fd, r->buf, r->chunk);
        while (n < 0 && errno == EINTR);
        if (n < 0)
            fprintf(stderr, "sh: read: %s\n", strerror(errno));
        if (n <= 0)
            return -1;
        r->pos = 0;
        r->len = n;
    }
    return (unsigned char)r->buf[r->pos++];
}

/* Read one line (without its newline) into line[]. Returns -1 at end of input.
   A line longer than MAXLINE is dropped with a message. */
static int readline(struct reader *r)
{
    int n = 0, toolong = 0, c;

    while ((c = readchar(r)) >= 0 && c != '\n') {
        if (n < MAXLINE - 1)
            line[n++] = c;
        else
            toolong = 1;
    }
    line[n] = 0;
    if (c < 0 && n == 0)
        return -1;
    if (toolong) {
        fprintf(stderr, "sh: line too long\n");
        line[0] = 0;
    }
    return 0;
}

/* ---------- lexing: line -> tok[] ---------- */

static char *wp;            /* next free byte of wordbuf */
static int wordfull;

/* Append c to the word being lexed (wordfull is set when there is no room). */
static void put(int c)
{
    if (wp < wordbuf + sizeof wordbuf - 1)
        *wp++ = c;
    else
        wordfull = 1;
}

/* Lex a "$" at p: $? $$ $! become XMARK+char, expanded when the command runs.
   Returns the position after it. */
static char *lexdollar(char *p)
{
    if (p[1] == '?' || p[1] == '$' || p[1] == '!') {
        put(XMARK);
        put(p[1]);
        return p + 2;
    }
    put('$');
    return p + 1;
}

/* Lex a word starting at p into wordbuf: quotes, backslash, $. Returns the position
   after the word, or NULL (after a message) for an unterminated quote. */
static char *lexword(char *p)
{
    while (*p && !strchr(" \t\r|&;<>", *p)) {
        if (*p == '\'') {
            for (p++; *p && *p != '\''; p++)
                if (*p != XMARK)
                    put(*p);
            if (!*p)
                goto unterminated;
            p++;
        } else if (*p == '"') {
            for (p++; *p && *p != '"';) {
                if (*p == '\\' && p[1] && strchr("\"\\$", p[1])) {
                    put(p[1]);
                    p += 2;
                } else if (*p == '$') {
                    p = lexdollar(p);
                } else {
                    put(*p++);
                }
            }
            if (!*p)
                goto unterminated;
            p++;
        } else if (*p == '\\') {
            p++;
            if (*p)
                put(*p++);
        } else if (*p == '$') {
            p = lexdollar(p);
        } else if (*p == XMARK) {
            p++;            /* never let input forge a marker */
        } else {
            put(*p++);
        }
    }
    put(0);
    return p;
unterminated:
    fprintf(stderr, "sh: unterminated quote\n");
    return NULL;
}

/* Is p the start of a redirection: [0-2]< [0-2]> [0-2]>> ? */
static int isredir(char *p)
{
    if (*p >= '0' && *p <= '2')
        p++;
    return *p == '<' || *p == '>';
}

/* Lex a redirection operator at p into t. Returns the position after it. */
static char *lexredir(char *p, struct token *t)
{
    t->type = T_REDIR;
    t->fd = *p == '<' ? 0 : 1;
    if (*p >= '0' && *p <= '2')
        t->fd = *p++ - '0';
    if (*p == '<') {
        t->mode = R_READ;
        p++;
    } else if (p[1] == '>') {
        t->mode = R_APPEND;
        p += 2;
    } else {
        t->mode = R_TRUNC;
        p++;
    }
    t->dupfd = -1;
    if (p[0] == '&' && p[1] >= '0' && p[1] <= '2') {
        t->dupfd = p[1] - '0';
        p += 2;
    }
    return p;
}

/* Split line[] into tok[]; a '#' at the start of a word starts a comment.
   Returns 0, or -1 after a message. */
static int lex(void)
{
    char *p = line;

    ntok = 0;
    wp = wordbuf;
    wordfull = 0;
    for (;;) {
        while (*p == ' ' || *p == '\t' || *p == '\r')
            p++;
        if (*p == 0 || *p == '#')
            break;
        if (ntok == MAXTOK) {
            fprintf(stderr, "sh: too many words\n");
            return -1;
        }
        struct token *t = &tok[ntok++];
        char *start = p;
        t->pos = p - line;
        t->word = NULL;
        if (p[0] == '|' && p[1] == '|') {
            t->type = T_OR;
            p += 2;
        } else if (p[0] == '&' && p[1] == '&') {
            t->type = T_AND;
            p += 2;
        } else if (*p == '|' || *p == '&' || *p == ';') {
            t->type = *p == '|' ? T_PIPE : *p == '&' ? T_AMP : T_SEMI;
            p++;
        } else if (isredir(p)) {
            p = lexredir(p, t);
        } else {
            t->type = T_WORD;
            t->word = wp;
            if ((p = lexword(p)) == NULL)
                return -1;
        }
        t->len = p - start;
    }
    if (wordfull) {
        fprintf(stderr, "sh: line too long\n");
        return -1;
    }
    return 0;
}

/* ---------- parsing: tok[] -> pipes[] ---------- */

static int syntaxerror(int i)
{
    if (i < ntok)
        fprintf(stderr, "sh: syntax error near '%.*s'\n", tok[i].len, line + tok[i].pos);
    else
        fprintf(stderr, "sh: syntax error near end of line\n");
    return -1;
}

/* Group tok[] into pipelines of commands. Returns how many pipelines, or -1 after
   a message for a syntax error (nothing of the line runs then). */
static int parse(void)
{
    int i = 0, np = 0, ncmd = 0, nargv = 0, nredir = 0;

    while (i < ntok) {
        struct pipeline *pl = &pipes[np++];
        pl->cmd = &cmdpool[ncmd];
        pl->ncmd = 0;
        pl->start = tok[i].pos;
        for (;;) {
            struct cmd *c = &cmdpool[ncmd++];
            if (++pl->ncmd > MAXPIPE) {
                fprintf(stderr, "sh: pipeline too long\n");
                return -1;
            }
            c->argv = &argvpool[nargv];
            c->argc = 0;
            c->redir = &redirpool[nredir];
            c->nredir = 0;
            while (i < ntok && (tok[i].type == T_WORD || tok[i].type == T_REDIR)) {
                if (tok[i].type == T_WORD) {
                    argvpool[nargv++] = tok[i++].word;
                    c->argc++;
                    continue;
                }
                struct redir *r = &redirpool[nredir++];
                r->fd = tok[i].fd;
                r->mode = tok[i].mode;
                r->dupfd = tok[i].dupfd;
                r->file = NULL;
                c->nredir++;
                i++;
                if (r->dupfd < 0) {
                    if (i == ntok || tok[i].type != T_WORD)
                        return syntaxerror(i);
                    r->file = tok[i++].word;
                }
            }
            argvpool[nargv++] = NULL;
            if (c->argc == 0)
                return syntaxerror(i);
            if (i < ntok && tok[i].type == T_PIPE) {
                i++;
                continue;
            }
            break;
        }
        pl->end = i < ntok ? tok[i].pos : (int)strlen(line);
        pl->op = i < ntok ? tok[i++].type : T_SEMI;
        if (i == ntok && (pl->op == T_AND || pl->op == T_OR))
            return syntaxerror(i);
    }
    return np;
}

/* ---------- running ---------- */

/* Replace the $? $$ $! markers of word w. Returns w itself when it has none
   (or when xbuf is full). */
static char *expand(char *w)
{
    char num[24], *out = xbuf + xlen;
    int n = 0, room = (int)sizeof xbuf - xlen - 1;

    if (!strchr(w, XMARK) || room <= 0)
        return w;
    for (; *w; w++) {
        num[0] = *w;
        num[1] = 0;
        if (*w == XMARK && w[1]) {
            w++;
            if (*w == '?')
                snprintf(num, sizeof num, "%d", status);
            else if (*w == '$')
                snprintf(num, sizeof num, "%d", (int)getpid());
            else if (lastbg)
                snprintf(num, sizeof num, "%d", (int)lastbg);
            else
                num[0] = 0;
        }
        for (char *s = num; *s; s++)
            if (n < room)
                out[n++] = *s;
    }
    out[n] = 0;
    xlen += n + 1;
    return out;
}

/* Expand every word of pipeline pl in place. */
static void expandpipeline(struct pipeline *pl)
{
    xlen = 0;
    for (int i = 0; i < pl->ncmd; i++) {
        struct cmd *c = &pl->cmd[i];
        for (int j = 0; j < c->argc; j++)
            c->argv[j] = expand(c->argv[j]);
        for (int j = 0; j < c->nredir; j++)
            if (c->redir[j].file)
                c->redir[j].file = expand(c->redir[j].file);
    }
}

/* $? of a wait status: the exit code, or 128+signal. */
static int exitcode(int st)
{
    if (WIFEXITED(st))
        return WEXITSTATUS(st);
    if (WIFSIGNALED(st))
        return 128 + WTERMSIG(st);
    return 1;
}

/* Say how a foreground command died, as bash does ("Segmentation fault"). */
static void reportsignal(int st)
{
    if (!WIFSIGNALED(st) || WTERMSIG(st) == SIGPIPE)
        return;
    if (WTERMSIG(st) == SIGINT) {
        fputc('\n', stderr);     /* the terminal echoed ^C, not a newline */
        return;
    }
    fprintf(stderr, "%s%s\n", strsignal(WTERMSIG(st)), WCOREDUMP(st) ? " (core dumped)" : "");
}

/* Apply c's redirections to this process. Returns 0, or -1 after a message. */
static int redirect(struct cmd *c)
{
    static const int flags[] = {
        [R_READ] = O_RDONLY,
        [R_TRUNC] = O_WRONLY | O_CREAT | O_TRUNC,
        [R_APPEND] = O_WRONLY | O_CREAT | O_APPEND,
    };

    for (int i = 0; i < c->nredir; i++) {
        struct redir *r = &c->redir[i];
        if (r->dupfd >= 0) {
            if (dup2(r->dupfd, r->fd) < 0) {
                fprintf(stderr, "sh: %d: %s\n", r->dupfd, strerror(errno));
                return -1;
            }
            continue;
        }
        int fd = open(r->file, flags[r->mode], 0666);
        if (fd < 0) {
            fprintf(stderr, "sh: %s: %s\n", r->file, strerror(errno));
            return -1;
        }
        if (fd != r->fd) {
            if (dup2(fd, r->fd) < 0) {
                fprintf(stderr, "sh: dup2: %s\n", strerror(errno));
                close(fd);
                return -1;
            }
            close(fd);
        }
    }
    return 0;
}

/* execve path; a file that is not a program (ENOEXEC) runs as a script of this
   shell. Returns only on failure, with errno set. */
static void tryexec(char *path, char **argv)
{
    static char *shargv[MAXTOK + 3];
    static char shpath[sizeof selfdir + 4];
    int n = 0;

    execve(path, argv, environ);
    if (errno != ENOEXEC)
        return;
    snprintf(shpath, sizeof shpath, "%s/sh", selfdir[0] ? selfdir : "/bin");
    shargv[n++] = "sh";
    shargv[n++] = path;
    for (int i = 1; argv[i] && n < MAXTOK + 2; i++)
        shargv[n++] = argv[i];
    shargv[n] = NULL;
    execve(shpath, shargv, environ);
    errno = ENOEXEC;
}

/* Run program argv[0]: a name without '/' is looked up in /bin, then in this
   shell's own directory. Never returns: exits 127 (not found) or 126. */
static void execcmd(char **argv)
{
    char path[PATH_MAX];
    const char *dirs[] = { "/bin", selfdir };
    int err = ENOENT;

    if (strchr(argv[0], '/')) {
        tryexec(argv[0], argv);
        err = errno;
    } else {
        for (int i = 0; i < 2; i++) {
            if (!dirs[i][0] || (i > 0 && strcmp(dirs[i], dirs[0]) == 0))
                continue;
            if (snprintf(path, sizeof path, "%s/%s", dirs[i], argv[0]) >= (int)sizeof path)
                continue;
            tryexec(path, argv);
            if (errno != ENOENT && errno != ENOTDIR)
                err = errno;
        }
    }
    if (err == ENOENT) {
        fprintf(stderr, "sh: %s: not found\n", argv[0]);
        _exit(127);
    }
    fprintf(stderr, "sh: %s: %s\n", argv[0], strerror(err));
    _exit(126);
}

/* ---------- jobs ---------- */

/* Add a background job of pids; print "[N] PID". */
static void addjob(pid_t *pid, int npid, int start, int end)
{
    struct job *j;
    int n;

    for (n = 0; n < MAXJOBS && jobs[n].used; n++)
        ;
    lastbg = pid[npid - 1];
    if (n == MAXJOBS) {
        fprintf(stderr, "sh: too many jobs; %d not tracked\n", (int)lastbg);
        return;
    }
    j = &jobs[n];
    j->used = 1;
    j->npid = npid;
    memcpy(j->pid, pid, npid * sizeof pid[0]);
    while (end > start && (line[end - 1] == ' ' || line[end - 1] == '\t'))
        end--;
    snprintf(j->text, sizeof j->text, "%.*s", end - start, line + start);
    if (jobmsgs)
        fprintf(stderr, "[%d] %d\n", n + 1, (int)lastbg);
}

/* Record that pid ended with wait status st; when it was the last running process
   of its job, free the job and, if report, print "[N] Done  text". */
static void jobexited(pid_t pid, int st, int report)
{
    for (int n = 0; n < MAXJOBS; n++) {
        struct job *j = &jobs[n];
        int running = 0, found = 0;
        if (!j->used)
            continue;
        for (int i = 0; i < j->npid; i++) {
            if (j->pid[i] == pid) {
                j->pid[i] = 0;
                found = 1;
                if (i == j->npid - 1)
                    j->status = st;
            }
            running += j->pid[i] != 0;
        }
        if (!found || running)
            continue;
        j->used = 0;
        if (!report)
            return;
        if (WIFSIGNALED(j->status))
            fprintf(stderr, "[%d] %s  %s\n", n + 1, strsignal(WTERMSIG(j->status)), j->text);
        else if (exitcode(j->status))
            fprintf(stderr, "[%d] Exit %d  %s\n", n + 1, exitcode(j->status), j->text);
        else
            fprintf(stderr, "[%d] Done  %s\n", n + 1, j->text);
        return;
    }
}

/* Reap background processes that have ended, without blocking. */
static void reapjobs(void)
{
    pid_t pid;
    int st;

    while ((pid = waitpid(-1, &st, WNOHANG)) > 0)
        jobexited(pid, st, jobmsgs);
}

/* Wait for pid (retrying on EINTR). Returns waitpid's result. */
static pid_t waitfor(pid_t pid, int *st)
{
    pid_t r;

    do
        r = waitpid(pid, st, 0);
    while (r < 0 && errno == EINTR);
    return r;
}

/* ---------- builtins ---------- */

/* cd [DIR]: change directory, to $HOME (or /) without DIR. */
static int b_cd(int argc, char **argv)
{
    char *dir = argc > 1 ? argv[1] : getenv("HOME");

    if (!dir || !*dir)
        dir = "/";
    if (chdir(dir) < 0) {
        fprintf(stderr, "sh: cd: %s: %s\n", dir, strerror(errno));
        return 1;
    }
    return 0;
}

/* exit [N]: leave with status N, or with $?. */
static int b_exit(int argc, char **argv)
{
    fflush(stdout);
    exit(argc > 1 ? atoi(argv[1]) & 255 : status);
}

/* pwd: print the current directory. */
static int b_pwd(int argc, char **argv)
{
    char buf[PATH_MAX];

    (void)argc;
    (void)argv;
    if (!getcwd(buf, sizeof buf)) {
        fprintf(stderr, "sh: pwd: %s\n", strerror(errno));
        return 1;
    }
    printf("%s\n", buf);
    return 0;
}

/* jobs: list the background jobs still running. */
static int b_jobs(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    reapjobs();
    for (int n = 0; n < MAXJOBS; n++)
        if (jobs[n].used)
            printf("[%d] %d Running  %s\n", n + 1, (int)jobs[n].pid[jobs[n].npid - 1], jobs[n].text);
    return 0;
}

/* wait: wait for all background jobs. wait PID: wait for PID, return its status. */
static int b_wait(int argc, char **argv)
{
    int st, ret = 0;

    if (argc == 1) {
        for (int n = 0; n < MAXJOBS; n++)
            for (int i = 0; jobs[n].used && i < jobs[n].npid; i++)
                if (jobs[n].pid[i] && waitfor(jobs[n].pid[i], &st) > 0)
                    jobexited(jobs[n].pid[i], st, 0);
        return 0;
    }
    for (int i = 1; i < argc; i++) {
        pid_t pid = atoi(argv[i]);
        if (pid <= 0 || waitfor(pid, &st) < 0) {
            fprintf(stderr, "sh: wait: pid %s is not a child of this shell\n", argv[i]);
            ret = 127;
            continue;
        }
        jobexited(pid, st, 0);
        ret = exitcode(st);
    }
    return ret;
}

static const struct { const char *name; int num; } signames[] = {
    { "HUP", SIGHUP }, { "INT", SIGINT }, { "QUIT", SIGQUIT }, { "ILL", SIGILL },
    { "TRAP", SIGTRAP }, { "ABRT", SIGABRT }, { "BUS", SIGBUS }, { "FPE", SIGFPE },
    { "KILL", SIGKILL }, { "USR1", SIGUSR1 }, { "SEGV", SIGSEGV }, { "USR2", SIGUSR2 },
    { "PIPE", SIGPIPE }, { "ALRM", SIGALRM }, { "TERM", SIGTERM }, { "CHLD", SIGCHLD },
    { "CONT", SIGCONT }, { "STOP", SIGSTOP }, { "TSTP", SIGTSTP },
};

/* Signal number of "9", "KILL" or "SIGKILL"; -1 if unknown. */
static int signum(const char *s)
{
    char *end;
    long n = strtol(s, &end, 10);

    if (*s && !*end)
        return n >= 0 && n < 65 ? n : -1;
    if (strncmp(s, "SIG", 3) == 0)
        s += 3;
    for (size_t i = 0; i < sizeof signames / sizeof signames[0]; i++)
        if (strcmp(s, signames[i].name) == 0)
            return signames[i].num;
    return -1;
}

/* kill [-SIG] PID|%JOB...    kill -l: list the signal names */
static int b_kill(int argc, char **argv)
{
    int sig = SIGTERM, i = 1, ret = 0;

    if (argc == 2 && strcmp(argv[1], "-l") == 0) {
        for (size_t k = 0; k < sizeof signames / sizeof signames[0]; k++)
            printf("%2d %s\n", signames[k].num, signames[k].name);
        return 0;
    }
    if (argc > 1 && argv[1][0] == '-') {
        if ((sig = signum(argv[1] + 1)) < 0) {
            fprintf(stderr, "sh: kill: %s: invalid signal\n", argv[1] + 1);
            return 1;
        }
        i++;
    }
    if (i == argc) {
        fprintf(stderr, "usage: kill [-SIG] PID|%%JOB...\n");
        return 2;
    }
    for (; i < argc; i++) {
        char *end;
        long n = strtol(argv[i] + (argv[i][0] == '%'), &end, 10);
        if (end == argv[i] + (argv[i][0] == '%') || *end) {
            fprintf(stderr, "sh: kill: %s: arguments must be process or job IDs\n", argv[i]);
            ret = 1;
        } else if (argv[i][0] == '%') {
            if (n < 1 || n > MAXJOBS || !jobs[n - 1].used) {
                fprintf(stderr, "sh: kill: %s: no such job\n", argv[i]);
                ret = 1;
                continue;
            }
            for (int k = 0; k < jobs[n - 1].npid; k++)
                if (jobs[n - 1].pid[k])
                    kill(jobs[n - 1].pid[k], sig);
        } else if (kill(n, sig) < 0) {
            fprintf(stderr, "sh: kill: (%ld) - %s\n", n, strerror(errno));
            ret = 1;
        }
    }
    return ret;
}

static int b_help(int argc, char **argv);

static const struct builtin {
    const char *name;
    int (*fn)(int, char **);
    const char *usage, *what;
} builtins[] = {
    { "cd", b_cd, "cd [DIR]", "change directory (default $HOME, or /)" },
    { "exit", b_exit, "exit [N]", "leave the shell" },
    { "help", b_help, "help", "this list" },
    { "jobs", b_jobs, "jobs", "list background jobs" },
    { "kill", b_kill, "kill [-SIG] PID|%N", "send a signal (default TERM) to a process or job" },
    { "pwd", b_pwd, "pwd", "print the current directory" },
    { "wait", b_wait, "wait [PID]", "wait for background jobs, or for PID" },
};

static const struct { const char *name, *what; } programs[] = {
    { "cat", "print files" },
    { "echo", "print arguments (-n: no newline)" },
    { "false", "exit with status 1" },
    { "grep", "print lines containing a string (-v -c -i -q -n)" },
    { "head", "print the first lines (-n N)" },
    { "init", "the first process: runs /etc/rc, then the shell" },
    { "kill", "send a signal to processes" },
    { "ls", "list a directory (-l -a)" },
    { "pmap", "memory map of a process from smaps: pmap PID|self" },
    { "poweroff", "power the machine off" },
    { "ps", "list processes" },
    { "sh", "this shell; sh FILE runs a script" },
    { "sleep", "wait N seconds" },
    { "thp_test", "the course's THP test: thp_test [MB] (loops forever)" },
    { "thpstat", "THP counters: thpstat [SECONDS [COUNT]]" },
    { "true", "exit with status 0" },
    { "uname", "system name (-a)" },
    { "wc", "count lines, words, bytes" },
};

/* qsort order of strings. */
static int cmpstr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* help: the builtins, then the programs in /bin with a line on the known ones. */
static int b_help(int argc, char **argv)
{
    char *names[512];
    int n = 0;
    DIR *d;
    struct dirent *e;

    (void)argc;
    (void)argv;
    printf("Builtins:\n");
    for (size_t i = 0; i < sizeof builtins / sizeof builtins[0]; i++)
        printf("  %-20s %s\n", builtins[i].usage, builtins[i].what);
    printf("Syntax: a | b   a > f   a >> f   a < f   a 2> f   a 2>&1   a; b   a && b   a || b\n"
           "        a &  (background: [N] PID)   'quotes' \"quotes\"   $? $$ $!   # comment\n");
    if (!(d = opendir("/bin"))) {
        fprintf(stderr, "sh: help: /bin: %s\n", strerror(errno));
        return 1;
    }
    while ((e = readdir(d)) && n < 512)
        if (e->d_name[0] != '.' && (names[n] = strdup(e->d_name)))
            n++;
    closedir(d);
    qsort(names, n, sizeof names[0], cmpstr);
    printf("Programs in /bin:\n");
    for (int i = 0; i < n; i++) {
        const char *what = "";
        for (size_t k = 0; k < sizeof programs / sizeof programs[0]; k++)
            if (strcmp(names[i], programs[k].name) == 0)
                what = programs[k].what;
        if (*what)
            printf("  %-10s %s\n", names[i], what);
        else
            printf("  %s\n", names[i]);
        free(names[i]);
    }
    return 0;
}

/* The builtin called name, or NULL. */
static const struct builtin *findbuiltin(const char *name)
{
    for (size_t i = 0; i < sizeof builtins / sizeof builtins[0]; i++)
        if (strcmp(name, builtins[i].name) == 0)
            return &builtins[i];
    return NULL;
}

/* Run builtin b in the shell itself; its redirections apply only while it runs. */
static int runbuiltin(const struct builtin *b, struct cmd *c)
{
    int saved[3], ret;

    if (c->nredir == 0)
        return b->fn(c->argc, c->argv);
    fflush(stdout);
    for (int fd = 0; fd < 3; fd++)
        saved[fd] = dup(fd);
    ret = redirect(c) < 0 ? 1 : b->fn(c->argc, c->argv);
    fflush(stdout);
    for (int fd = 0; fd < 3; fd++) {
        if (saved[fd] >= 0) {
            dup2(saved[fd], fd);
            close(saved[fd]);
        } else {
            close(fd);
        }
    }
    return ret;
}

/* In a forked child: connect stdin/stdout to in/out (if >= 0), close spare, apply
   the redirections and run c. A background (bg) command ignores SIGINT and SIGQUIT,
   as POSIX wants without job control, so ^C stops only the foreground. Never returns. */
static void runchild(struct cmd *c, int in, int out, int spare, int bg)
{
    const struct builtin *b;

    signal(SIGINT, bg || bgshell ? SIG_IGN : SIG_DFL);
    signal(SIGQUIT, bg || bgshell ? SIG_IGN : SIG_DFL);
    if (spare >= 0)
        close(spare);
    if (in >= 0 && in != 0) {
        dup2(in, 0);
        close(in);
    }
    if (out >= 0 && out != 1) {
        dup2(out, 1);
        close(out);
    }
    if (redirect(c) < 0)
        _exit(1);
    if ((b = findbuiltin(c->argv[0])))
        exit(b->fn(c->argc, c->argv));
    execcmd(c->argv);
}

/* Run one pipeline. In the foreground: wait for it and return its $? (the last
   command's). In the background (bg): record it as a job and return 0. */
static int runpipeline(struct pipeline *pl, int bg)
{
    pid_t pid[MAXPIPE];
    int n = 0, in = -1, st, ret = 0;
    const struct builtin *b;

    expandpipeline(pl);
    if (!bg && pl->ncmd == 1 && (b = findbuiltin(pl->cmd[0].argv[0])))
        return runbuiltin(b, &pl->cmd[0]);
    fflush(stdout);
    for (int i = 0; i < pl->ncmd; i++) {
        int p[2] = { -1, -1 };
        if (i < pl->ncmd - 1 && pipe(p) < 0) {
            fprintf(stderr, "sh: pipe: %s\n", strerror(errno));
            ret = 1;
            break;
        }
        pid_t child = fork();
        if (child < 0) {
            fprintf(stderr, "sh: fork: %s\n", strerror(errno));
            close(p[0]);
            close(p[1]);
            ret = 1;
            break;
        }
        if (child == 0)
            runchild(&pl->cmd[i], in, p[1], p[0], bg);
        pid[n++] = child;
        if (in >= 0)
            close(in);
        if (p[1] >= 0)
            close(p[1]);
        in = p[0];
    }
    if (in >= 0)
        close(in);
    if (n == 0)
        return ret;
    if (bg) {
        addjob(pid, n, pl->start, pl->end);
        return ret;
    }
    for (int i = 0; i < n; i++) {
        if (waitfor(pid[i], &st) < 0) {
            fprintf(stderr, "sh: wait: %s\n", strerror(errno));
            continue;
        }
        reportsignal(st);
        if (i == n - 1 && !ret)
            ret = exitcode(st);
    }
    return ret;
}

/* Run pipes[i..j] joined by && and ||, keeping $? current; returns the $? of the
   last one run. */
static int runandor(int i, int j)
{
    status = runpipeline(&pipes[i], 0);
    for (; i < j; i++)
        if ((pipes[i].op == T_AND) == (status == 0))
            status = runpipeline(&pipes[i + 1], 0);
    return status;
}

/* Run pipes[i..j] (one and-or list) in the background. A single pipeline runs
   directly, so that its PID is the program's; a longer list runs in a subshell. */
static void runbackground(int i, int j)
{
    pid_t pid;

    if (i == j) {
        runpipeline(&pipes[i], 1);
        return;
    }
    fflush(stdout);
    if ((pid = fork()) < 0) {
        fprintf(stderr, "sh: fork: %s\n", strerror(errno));
        return;
    }
    if (pid == 0) {
        jobmsgs = 0;
        bgshell = 1;
        signal(SIGINT, SIG_IGN);
        signal(SIGQUIT, SIG_IGN);
        exit(runandor(i, j));
    }
    addjob(&pid, 1, pipes[i].start, pipes[j].end);
}

/* Run line[]: lex and parse it all, then run its lists one after another. */
static void runline(void)
{
    int n, j;

    if (lex() < 0 || (n = parse()) < 0) {
        status = 2;
        return;
    }
    for (int i = 0; i < n; i = j + 1) {
        for (j = i; pipes[j].op == T_AND || pipes[j].op == T_OR; j++)
            ;
        if (pipes[j].op == T_AMP) {
            runbackground(i, j);
            status = 0;
        } else {
            status = runandor(i, j);
        }
    }
}

/* Remember the directory of this shell's binary (made absolute), for execcmd. */
static void setselfdir(const char *argv0)
{
    char *slash;

    if (!strchr(argv0, '/'))
        return;
    if (argv0[0] != '/' && getcwd(selfdir, sizeof selfdir - 1))
        strcat(selfdir, "/");
    if (strlen(selfdir) + strlen(argv0) >= sizeof selfdir) {
        selfdir[0] = 0;
        return;
    }
    strcat(selfdir, argv0);
    slash = strrchr(selfdir, '/');
    if (slash == selfdir)
        slash[1] = 0;
    else
        *slash = 0;
}

int main(int argc, char **argv)
{
    static struct reader in;
    struct sigaction sa;
    int prompt = 0;

    setselfdir(argv[0]);
    if (sigaction(SIGINT, NULL, &sa) == 0 && sa.sa_handler == SIG_IGN)
        bgshell = 1;        /* started as a background job */
    if (argc > 2 && strcmp(argv[1], "-c") == 0) {
        for (char *s = argv[2], *nl; s; s = nl ? nl + 1 : NULL) {
            nl = strchr(s, '\n');
            int len = nl ? nl - s : (int)strlen(s);
            if (len >= MAXLINE) {
                fprintf(stderr, "sh: line too long\n");
                status = 2;
                continue;
            }
            memcpy(line, s, len);
            line[len] = 0;
            runline();
            reapjobs();
        }
        return status;
    }
    in.chunk = 1;
    if (argc > 1) {
        /* no O_CLOEXEC: musl would add fcntl(F_SETFD), not a thpkernel syscall */
        if ((in.fd = open(argv[1], O_RDONLY)) < 0) {
            fprintf(stderr, "sh: %s: %s\n", argv[1], strerror(errno));
            return 127;
        }
        in.chunk = sizeof in.buf;       /* no child reads the script */
    } else {
        jobmsgs = 1;
        if (isatty(0)) {
            prompt = 1;
            in.chunk = sizeof in.buf;   /* the terminal hands out one line per read */
            signal(SIGINT, SIG_IGN);
            signal(SIGQUIT, SIG_IGN);
        }
    }
    for (;;) {
        reapjobs();
        if (prompt) {
            fputs("$ ", stdout);
            fflush(stdout);
        }
        if (readline(&in) < 0) {
            if (prompt)
                putchar('\n');
            break;
        }
        runline();
    }
    fflush(stdout);
    return status;
}
