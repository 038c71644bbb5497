/* wc: count lines, words and bytes of files or standard input.
   usage: wc [-l] [-w] [-c] [FILE...]   (no option: all three) */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int lflag, wflag, cflag;

/* Print the selected counts, then name (if any). */
static void show(const long long n[3], const char *name)
{
    const int want[3] = { lflag, wflag, cflag };
    int fields = lflag + wflag + cflag, first = 1;

    for (int i = 0; i < 3; i++) {
        if (!want[i])
            continue;
        printf(fields > 1 ? "%s%7lld" : "%s%lld", first ? "" : " ", n[i]);
        first = 0;
    }
    printf(name ? " %s\n" : "\n", name);
}

/* Count fd into n[3] (lines, words, bytes). Returns 0, or -1 after a message. */
static int count(int fd, const char *name, long long n[3])
{
    char buf[8192];
    ssize_t len;
    int inword = 0;

    n[0] = n[1] = n[2] = 0;
    while ((len = read(fd, buf, sizeof buf)) != 0) {
        if (len < 0) {
            if (errno == EINTR)
                continue;
            fprintf(stderr, "wc: %s: %s\n", name, strerror(errno));
            return -1;
        }
        n[2] += len;
        for (ssize_t i = 0; i < len; i++) {
            if (buf[i] == '\n')
                n[0]++;
            if (isspace((unsigned char)buf[i]))
                inword = 0;
            else if (!inword) {
                inword = 1;
                n[1]++;
            }
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    long long n[3], total[3] = { 0, 0, 0 };
    int i, ret = 0, nfiles;

    for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        for (char *o = argv[i] + 1; *o; o++) {
            if (*o == 'l')
                lflag = 1;
            else if (*o == 'w')
                wflag = 1;
            else if (*o == 'c')
                cflag = 1;
            else {
                fprintf(stderr, "wc: invalid option -- '%c'\nusage: wc [-l] [-w] [-c] [FILE...]\n", *o);
                return 1;
            }
        }
    }
    if (!lflag && !wflag && !cflag)
        lflag = wflag = cflag = 1;
    nfiles = argc - i;
    if (nfiles == 0) {
        if (count(0, "-", n) < 0)
            return 1;
        show(n, NULL);
        return 0;
    }
    for (; i < argc; i++) {
        int fd = strcmp(argv[i], "-") == 0 ? 0 : open(argv[i], O_RDONLY);
        if (fd < 0) {
            fprintf(stderr, "wc: %s: %s\n", argv[i], strerror(errno));
            ret = 1;
            continue;
        }
        if (count(fd, argv[i], n) < 0) {
            ret = 1;
        } else {
            show(n, argv[i]);
            for (int k = 0; k < 3; k++)
                total[k] += n[k];
        }
        if (fd != 0)
            close(fd);
    }
    if (nfiles > 1)
        show(total, "total");
    return ret;
}
