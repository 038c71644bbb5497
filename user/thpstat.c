/* thpstat: the THP counters of /proc/vmstat, /proc/meminfo and khugepaged's sysfs
   files. Once (name value), or like vmstat every SECONDS: a first line since boot,
   then one line of changes per interval.   usage: thpstat [SECONDS [COUNT]]
   thpkernel only: thpstat -e [PID] prints the THP event ring (one process's events),
   thpstat -l the latency histograms, drawn, with their percentiles. */
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

#define EVENTS "/sys/kernel/debug/thp/events"
#define LATENCY "/sys/kernel/debug/thp/latency"

/* thpstat -e [PID]: the event ring as the kernel prints it, oldest first; with PID
   only that process's lines (the heading lines always). */
static int showevents(const char *pid)
{
    FILE *f = fopen(EVENTS, "r");
    char line[512], want[40];

    if (!f) {
        fprintf(stderr, "thpstat: %s: %s\n", EVENTS, strerror(errno));
        return 1;
    }
    snprintf(want, sizeof want, " pid=%s ", pid ? pid : "");
    while (fgets(line, sizeof line, f))
        if (!pid || line[0] == '#' || strstr(line, want))
            fputs(line, stdout);
    fclose(f);
    return 0;
}

/* A duration in the unit that suits it: "740 ns", "12.5 us", "3.20 ms". */
static const char *human_ns(double ns, char *buf, size_t size)
{
    if (ns < 1e3)
        snprintf(buf, size, "%.0f ns", ns);
    else if (ns < 1e6)
        snprintf(buf, size, "%.1f us", ns / 1e3);
    else if (ns < 1e9)
        snprintf(buf, size, "%.2f ms", ns / 1e6);
    else
        snprintf(buf, size, "%.2f s", ns / 1e9);
    return buf;
}

struct bucket { unsigned long lo, hi, n; };

/* One histogram: a summary line (count, mean, max, and the bucket bounds under which
   50% and 99% of the durations lie), then one bar per non-empty bucket. */
static void drawhist(const char *name, unsigned long count, unsigned long sum, unsigned long max,
                     const struct bucket *b, int nb)
{
    char a[32], m[32], p50[32], p99[32], lo[32], hi[32];
    unsigned long most = 1, seen = 0;
    double q50 = 0, q99 = 0;

    for (int i = 0; i < nb; i++) {
        most = b[i].n > most ? b[i].n : most;
        seen += b[i].n;
        if (!q50 && seen * 2 >= count)
            q50 = b[i].hi + 1;
        if (!q99 && seen * 100 >= count * 99)
            q99 = b[i].hi + 1;
    }
    if (!count) {
        printf("%-10s no events\n", name);
        return;
    }
    printf("%-10s %lu events, mean %s, max %s, 50%% under %s, 99%% under %s\n", name, count,
           human_ns((double)sum / count, a, sizeof a), human_ns(max, m, sizeof m),
           human_ns(q50, p50, sizeof p50), human_ns(q99, p99, sizeof p99));
    for (int i = 0; i < nb; i++) {
        int width = (int)(40 * b[i].n / most);
        printf("  %9s - %-9s |%-40.*s| %lu\n", human_ns(b[i].lo, lo, sizeof lo),
               human_ns(b[i].hi + 1, hi, sizeof hi), width ? width : 1,
               "########################################", b[i].n);
    }
}

/* thpstat -l: the latency histograms (log2 buckets of ns), drawn. */
static int showlatency(void)
{
    FILE *f = fopen(LATENCY, "r");
    char line[256], name[32] = "";
    unsigned long count = 0, sum = 0, max = 0;
    struct bucket b[64];
    int nb = 0, have = 0;

    if (!f) {
        fprintf(stderr, "thpstat: %s: %s\n", LATENCY, strerror(errno));
        return 1;
    }
    while (fgets(line, sizeof line, f)) {
        struct bucket x;
        if (line[0] == '#')
            continue;
        if (line[0] == ' ') {
            if (nb < 64 && sscanf(line, " %lu-%lu %lu", &x.lo, &x.hi, &x.n) == 3)
                b[nb++] = x;
            continue;
        }
        if (have)
            drawhist(name, count, sum, max, b, nb);
        have = sscanf(line, "%31s count %lu sum_ns %lu max_ns %lu", name, &count, &sum, &max) == 4;
        nb = 0;
    }
    if (have)
        drawhist(name, count, sum, max, b, nb);
    fclose(f);
    return 0;
}

int main(int argc, char **argv)
{
    struct sample s, prev;
    struct timespec t;
    double interval;
    long count = -1;
    char *end;

    if (argc >= 2 && argc <= 3 && !strcmp(argv[1], "-e"))
        return showevents(argc == 3 ? argv[2] : NULL);
    if (argc == 2 && !strcmp(argv[1], "-l"))
        return showlatency();
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
    fprintf(stderr, "usage: thpstat [SECONDS [COUNT]] | -e [PID] | -l\n"
            "columns: THP faults (alloc, fallback), collapses (alloc, failed), splits\n"
            "(page, page failed, deferred, pmd) as changes per interval; nr of THPs,\n"
            "AnonHugePages and MemFree (MB) as levels; khugepaged pages_collapsed, full_scans.\n"
            "-e [PID]: the THP event ring (thpkernel); -l: the THP latency histograms (thpkernel).\n");
    return 1;
}
