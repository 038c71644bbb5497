/* ls: list directories (through getdents64) and files.
   usage: ls [-l] [-a] [PATH...]   -l: mode, size, name; -a: also names starting with '.' */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static int lflag, aflag;

/* stat path (not following a last symlink if nofollow) with the newfstatat syscall
   itself: musl's stat() and lstat() use the old stat and lstat syscalls, which
   thpkernel does not have. Returns 0, or -1 with errno set. */
static int lookup(const char *path, struct stat *st, int nofollow)
{
    return syscall(SYS_newfstatat, AT_FDCWD, path, st, nofollow ? AT_SYMLINK_NOFOLLOW : 0);
}

/* "drwxr-xr-x" for mode m into s (11 bytes). */
static void modestring(mode_t m, char *s)
{
    const char *rwx = "rwxrwxrwx";

    s[0] = S_ISDIR(m) ? 'd' : S_ISLNK(m) ? 'l' : S_ISCHR(m) ? 'c' : S_ISBLK(m) ? 'b'
         : S_ISFIFO(m) ? 'p' : S_ISSOCK(m) ? 's' : '-';
    for (int i = 0; i < 9; i++)
        s[i + 1] = m & (0400 >> i) ? rwx[i] : '-';
    s[10] = 0;
}

/* One -l line: mode, size, name. path is what to lstat, name what to show. */
static int longline(const char *path, const char *name)
{
    struct stat st;
    char mode[11];

    if (lookup(path, &st, 1) < 0) {
        fprintf(stderr, "ls: cannot access '%s': %s\n", path, strerror(errno));
        return -1;
    }
    modestring(st.st_mode, mode);
    printf("%s %10lld %s\n", mode, (long long)st.st_size, name);
    return 0;
}

/* Names in columns (down, then across) when stdout is a terminal, else one per line. */
static void columns(char **names, int n)
{
    struct winsize ws;
    int width = 80, w = 0, cols, rows;

    if (!isatty(1)) {
        for (int i = 0; i < n; i++)
            printf("%s\n", names[i]);
        return;
    }
    if (ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        width = ws.ws_col;
    for (int i = 0; i < n; i++)
        if ((int)strlen(names[i]) > w)
            w = strlen(names[i]);
    cols = width / (w + 2);
    if (cols < 1)
        cols = 1;
    rows = (n + cols - 1) / cols;
    for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols && c * rows + r < n; c++) {
            int i = c * rows + r;
            int last = c == cols - 1 || (c + 1) * rows + r >= n;
            if (last)
                printf("%s", names[i]);
            else
                printf("%-*s", w + 2, names[i]);
        }
        putchar('\n');
    }
}

/* qsort order of names. */
static int cmpname(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* List directory path, sorted. Returns 0, or -1 after a message. */
static int listdir(const char *path)
{
    DIR *d = opendir(path);
    struct dirent *e;
    char **names = NULL, full[4096];
    int n = 0, cap = 0, ret = 0;

    if (!d) {
        fprintf(stderr, "ls: cannot open directory '%s': %s\n", path, strerror(errno));
        return -1;
    }
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.' && !aflag)
            continue;
        if (n == cap) {
            char **more = realloc(names, (cap = cap ? 2 * cap : 64) * sizeof names[0]);
            if (!more) {
                fprintf(stderr, "ls: out of memory\n");
                ret = -1;
                break;
            }
            names = more;
        }
        if (!(names[n] = strdup(e->d_name))) {
            fprintf(stderr, "ls: out of memory\n");
            ret = -1;
            break;
        }
        n++;
    }
    closedir(d);
    qsort(names, n, sizeof names[0], cmpname);
    if (lflag) {
        for (int i = 0; i < n; i++) {
            snprintf(full, sizeof full, "%s/%s", path, names[i]);
            if (longline(full, names[i]) < 0)
                ret = -1;
        }
    } else {
        columns(names, n);
    }
    for (int i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return ret;
}

/* List one command-line argument: a directory's entries, or the file itself. */
static int listarg(const char *path, int header)
{
    struct stat st;

    if (lookup(path, &st, 0) < 0 && lookup(path, &st, 1) < 0) {
        fprintf(stderr, "ls: cannot access '%s': %s\n", path, strerror(errno));
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) {
        if (lflag)
            return longline(path, path);
        printf("%s\n", path);
        return 0;
    }
    if (header)
        printf("%s:\n", path);
    return listdir(path);
}

int main(int argc, char **argv)
{
    int i, ret = 0;

    for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        for (char *o = argv[i] + 1; *o; o++) {
            if (*o == 'l') {
                lflag = 1;
            } else if (*o == 'a') {
                aflag = 1;
            } else {
                fprintf(stderr, "ls: invalid option -- '%c'\nusage: ls [-l] [-a] [PATH...]\n", *o);
                return 2;
            }
        }
    }
    if (i == argc)
        return listarg(".", 0) < 0 ? 2 : 0;
    for (int first = i; i < argc; i++) {
        if (i > first && argc - first > 1)
            putchar('\n');
        if (listarg(argv[i], argc - first > 1) < 0)
            ret = 2;
    }
    return ret;
}
