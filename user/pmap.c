/* pmap: a process's memory map from /proc/PID/smaps, one line per VMA, showing
   where THPs are: Size, Rss and AnonHugePages (kB), THPeligible and VmFlags.
   usage: pmap PID|self... */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct vma {
    unsigned long start, end;
    unsigned long size, rss, anonhuge;  /* kB */
    int eligible;                       /* THPeligible, -1 if smaps has no such line */
    char flags[64];                     /* VmFlags, "-" if none */
    char name[256];
};

/* Print v's line and add it to the totals. */
static void showvma(const struct vma *v, unsigned long total[3])
{
    char thp[12] = "-";

    if (v->eligible >= 0)
        snprintf(thp, sizeof thp, "%d", v->eligible);
    printf("%012lx-%012lx %8lu %8lu %8lu %3s %-24s %s\n", v->start, v->end, v->size,
           v->rss, v->anonhuge, thp, v->flags, v->name);
    total[0] += v->size;
    total[1] += v->rss;
    total[2] += v->anonhuge;
}

/* If line is a VMA header ("start-end perms offset dev inode [name]"), start v from it
   and return 1; else return 0. */
static int vmaheader(const char *line, struct vma *v)
{
    char perms[8], off[32], dev[32], ino[32];
    int n = 0;

    if (sscanf(line, "%lx-%lx %7s %31s %31s %31s %n", &v->start, &v->end, perms, off,
               dev, ino, &n) < 6 || n == 0)
        return 0;
    v->size = (v->end - v->start) >> 10;
    v->rss = v->anonhuge = 0;
    v->eligible = -1;
    snprintf(v->flags, sizeof v->flags, "-");
    snprintf(v->name, sizeof v->name, "%s", line + n);
    v->name[strcspn(v->name, "\n")] = 0;
    return 1;
}

/* Take one "Key: value" line of smaps into v. */
static void vmafield(const char *line, struct vma *v)
{
    const char *val = strchr(line, ':');
    size_t keylen;

    if (!val)
        return;
    keylen = val - line;
    val += 1 + strspn(val + 1, " \t");
    if (keylen == 3 && strncmp(line, "Rss", 3) == 0)
        v->rss = strtoul(val, NULL, 10);
    else if (keylen == 13 && strncmp(line, "AnonHugePages", 13) == 0)
        v->anonhuge = strtoul(val, NULL, 10);
    else if (keylen == 11 && strncmp(line, "THPeligible", 11) == 0)
        v->eligible = atoi(val);
    else if (keylen == 7 && strncmp(line, "VmFlags", 7) == 0) {
        snprintf(v->flags, sizeof v->flags, "%s", val);
        v->flags[strcspn(v->flags, "\n")] = 0;
        for (size_t n = strlen(v->flags); n > 0 && v->flags[n - 1] == ' '; n--)
            v->flags[n - 1] = 0;
    }
}

/* Print the map of process pid ("self" or a number). Returns 0, or -1 after a message. */
static int pmap(const char *pid)
{
    char path[64], *line = NULL;
    size_t cap = 0;
    unsigned long total[3] = { 0, 0, 0 };
    struct vma v;
    int have = 0;
    FILE *f;

    snprintf(path, sizeof path, "/proc/%s/smaps", pid);
    if (!(f = fopen(path, "r"))) {
        fprintf(stderr, "pmap: %s: %s\n", path, strerror(errno));
        return -1;
    }
    printf("%s:\n", pid);
    printf("%-25s %8s %8s %8s %3s %-24s %s\n", "ADDRESS", "KB", "RSS", "ANONHUGE", "THP",
           "VMFLAGS", "NAME");
    while (getline(&line, &cap, f) >= 0) {
        struct vma next;
        if (vmaheader(line, &next)) {
            if (have)
                showvma(&v, total);
            v = next;
            have = 1;
        } else if (have) {
            vmafield(line, &v);
        }
    }
    if (have)
        showvma(&v, total);
    free(line);
    fclose(f);
    printf("%-25s %8lu %8lu %8lu\n", "total kB", total[0], total[1], total[2]);
    return 0;
}

int main(int argc, char **argv)
{
    int ret = 0;

    if (argc < 2) {
        fprintf(stderr, "usage: pmap PID|self...\n");
        return 1;
    }
    for (int i = 1; i < argc; i++)
        if (pmap(argv[i]) < 0)
            ret = 1;
    return ret;
}
