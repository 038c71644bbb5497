/* ps: list processes from /proc/PID/status (its Name, State and PPid lines).
   usage: ps */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Fill name, state and ppid from /proc/PID/status. Returns 0, or -1 if it is
   gone (a process may exit while ps runs). */
static int readstatus(long pid, char *name, size_t namesz, char *state, long *ppid)
{
    char path[64], line[256];
    FILE *f;

    snprintf(path, sizeof path, "/proc/%ld/status", pid);
    if (!(f = fopen(path, "r")))
        return -1;
    snprintf(name, namesz, "?");
    *state = '?';
    *ppid = -1;
    while (fgets(line, sizeof line, f)) {
        char *v = strchr(line, ':');
        if (!v)
            continue;
        *v++ = 0;
        v += strspn(v, " \t");
        v[strcspn(v, "\n")] = 0;
        if (strcmp(line, "Name") == 0)
            snprintf(name, namesz, "%s", v);
        else if (strcmp(line, "State") == 0 && *v)
            *state = *v;
        else if (strcmp(line, "PPid") == 0)
            *ppid = strtol(v, NULL, 10);
    }
    fclose(f);
    return 0;
}

/* qsort order of pids. */
static int cmplong(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;

    return (x > y) - (x < y);
}

int main(void)
{
    DIR *d = opendir("/proc");
    struct dirent *e;
    long *pids = NULL;
    size_t n = 0, cap = 0;

    if (!d) {
        fprintf(stderr, "ps: /proc: %s\n", strerror(errno));
        return 1;
    }
    while ((e = readdir(d))) {
        char *s = e->d_name;
        if (!*s || strspn(s, "0123456789") != strlen(s))
            continue;
        if (n == cap) {
            long *more = realloc(pids, (cap = cap ? 2 * cap : 64) * sizeof pids[0]);
            if (!more) {
                fprintf(stderr, "ps: out of memory\n");
                return 1;
            }
            pids = more;
        }
        pids[n++] = strtol(s, NULL, 10);
    }
    closedir(d);
    qsort(pids, n, sizeof pids[0], cmplong);
    printf("  PID  PPID STATE CMD\n");
    for (size_t i = 0; i < n; i++) {
        char name[64], state;
        long ppid;
        if (readstatus(pids[i], name, sizeof name, &state, &ppid) == 0)
            printf("%5ld %5ld %-5c %s\n", pids[i], ppid, state, name);
    }
    free(pids);
    return 0;
}
