/* thpstat: the THP counters of /proc/vmstat, /proc/meminfo and khugepaged's sysfs
   files. Once (name value), or like vmstat every SECONDS: a first line since boot,
   then one line of changes per interval.   usage: thpstat [SECONDS [COUNT]] */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { VMSTAT, MEMINFO, KHUGEPAGED };

static const struct counter {
    const char *key;        /* its name in its file */
    int src;
    int gauge;              /* a level (shown as is), not an event count (shown as a change) */
    const char *head;       /* column heading, at most 5 characters */
} counters[] = {
    { "thp_fault_alloc", VMSTAT, 0, "alloc" },
    { "thp_fault_fallback", VMSTAT, 0, "fback" },
    { "thp_collapse_alloc", VMSTAT, 0, "alloc" },
    { "thp_collapse_alloc_failed", VMSTAT, 0, "fail" },
    { "thp_split_page", VMSTAT, 0, "page" },
    { "thp_split_page_failed", VMSTAT, 0, "fail" },
    { "thp_deferred_split_page", VMSTAT, 0, "defer" },
    { "thp_split_pmd", VMSTAT, 0, "pmd" },
    { "nr_anon_transparent_hugepages", VMSTAT, 1, "nrthp" },
    { "AnonHugePages", MEMINFO, 1, "ahpMB" },
    { "MemFree", MEMINFO, 1, "freMB" },
    { "pages_collapsed", KHUGEPAGED, 0, "coll" },
    { "full_scans", KHUGEPAGED, 0, "scans" },
};
#define NCOUNTERS (sizeof counters / sizeof counters[0])

/* Column groups over the headings, in counters[] order. */
static const struct { const char *name; int ncols; } groups[] = {
    { "fault", 2 }, { "collapse", 2 }, { "split", 4 }, { "memory", 3 }, { "khugepaged", 2 },
};

#define KHUGEPAGED_DIR "/sys/kernel/mm/transparent_hugepage/khugepaged/"

struct sample {
    unsigned long long val[NCOUNTERS];
    int ok[NCOUNTERS];      /* 0 if the file or line is missing */
};

/* Read all of path into buf (NUL-terminated). Returns 0, or -1 if unreadable. */
static int readfile(const char *path, char *buf, size_t size)
{
    FILE *f = fopen(path, "r");
    size_t n;

    buf[0] = 0;
    if (!f)
        return -1;
    n = fread(buf, 1, size - 1, f);
    buf[n] = 0;
    fclose(f);
    return 0;
}

/* Find "key value" or "key: value" in text. Returns 1 and sets *val, or 0. */
static int lookup(const char *text, const char *key, unsigned long long *val)
{
    size_t len = strlen(key);

    for (const char *l = text; *l;) {
        if (strncmp(l, key, len) == 0 && (l[len] == ' ' || l[len] == ':')) {
            const char *v = l + len + 1 + strspn(l + len + 1, " \t");
            char *end;
            *val = strtoull(v, &end, 10);
            return end != v;
        }
        if (!(l = strchr(l, '\n')))
            break;
        l++;
    }
    return 0;
}

/* Take one reading of every counter. */
static void sample(struct sample *s)
{
    static char vmstat[16384], meminfo[8192];
    char path[128], buf[64];

    readfile("/proc/vmstat", vmstat, sizeof vmstat);
    readfile("/proc/meminfo", meminfo, sizeof meminfo);
    for (size_t i = 0; i < NCOUNTERS; i++) {
        const struct counter *c = &counters[i];
        char *end;
        if (c->src == VMSTAT) {
            s->ok[i] = lookup(vmstat, c->key, &s->val[i]);
        } else if (c->src == MEMINFO) {
            s->ok[i] = lookup(meminfo, c->key, &s->val[i]);
        } else {
            snprintf(path, sizeof path, "%s%s", KHUGEPAGED_DIR, c->key);
            s->ok[i] = readfile(path, buf, sizeof buf) == 0;
            s->val[i] = strtoull(buf, &end, 10);
            s->ok[i] = s->ok[i] && end != buf;
        }
    }
}

/* thpstat with no interval: one "name value" line per counter. */
static void showonce(void)
{
    struct sample s;

    sample(&s);
    for (size_t i = 0; i < NCOUNTERS; i++) {
        const struct counter *c = &counters[i];
        char name[64];
        snprintf(name, sizeof name, "%s%s", c->src == KHUGEPAGED ? "khugepaged/" : "", c->key);
        if (!s.ok[i])
            printf("%-30s %12s\n", name, "-");
        else
            printf("%-30s %12llu%s\n", name, s.val[i], c->src == MEMINFO ? " kB" : "");
    }
}

/* The two heading lines of the interval mode. */
static void showheader(void)
{
    for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
        int width = 6 * groups[g].ncols - 1, n = strlen(groups[g].name);
        printf(" %s", groups[g].name);
        for (int k = n; k < width; k++)
            putchar('-');
    }
    putchar('\n');
    for (size_t i = 0; i < NCOUNTERS; i++)
        printf("%6s", counters[i].head);
    putchar('\n');
}

/* One line of the interval mode: events as changes since prev (or since boot when
   prev is NULL), levels as they are now; meminfo values in MB. */
static void showline(const struct sample *s, const struct sample *prev)
{
    for (size_t i = 0; i < NCOUNTERS; i++) {
        unsigned long long v = s->val[i];
        if (!s->ok[i] || (prev && !counters[i].gauge && !prev->ok[i])) {
            printf("%6s", "-");
            continue;
        }
        if (prev && !counters[i].gauge)
            v -= prev->val[i];
        if (counters[i].src == MEMINFO)
            v >>= 10;
        printf("%6llu", v);
    }
    putchar('\n');
    fflush(stdout);
}

int main(int argc, char **argv)
{
    struct sample s, prev;
    struct timespec t;
    double interval;
    long count = -1;
    char *end;

    if (argc == 1) {
        showonce();
        return 0;
    }
    interval = strtod(argv[1], &end);
    if (argc > 3 || end == argv[1] || *end || !(interval > 0) || interval > 1e6)
        goto usage;
    if (argc == 3) {
        count = strtol(argv[2], &end, 10);
        if (end == argv[2] || *end || count < 1)
            goto usage;
    }
    t.tv_sec = (time_t)interval;
    t.tv_nsec = (long)((interval - (double)t.tv_sec) * 1e9);
    showheader();
    sample(&s);
    showline(&s, NULL);
    while (count < 0 || --count > 0) {
        struct timespec left = t;
        while (nanosleep(&left, &left) < 0 && errno == EINTR)
            ;
        prev = s;
        sample(&s);
        showline(&s, &prev);
    }
    return 0;
usage:
    fprintf(stderr, "usage: thpstat [SECONDS [COUNT]]\n"
            "columns: THP faults (alloc, fallback), collapses (alloc, failed), splits\n"
            "(page, page failed, deferred, pmd) as changes per interval; nr of THPs,\n"
            "AnonHugePages and MemFree (MB) as levels; khugepaged pages_collapsed, full_scans.\n");
    return 1;
}
