/* head: print the first lines (10 by default) of files or standard input.
   usage: head [-n N | -N] [FILE...] */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Copy the first n lines of f to standard output. Returns 0, or -1 after a message. */
static int head(FILE *f, const char *name, long n)
{
    int c;

    while (n > 0 && (c = getc(f)) != EOF) {
        putchar(c);
        if (c == '\n')
            n--;
    }
    if (ferror(f)) {
        fprintf(stderr, "head: %s: %s\n", name, strerror(errno));
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    long n = 10;
    int i = 1, ret = 0, nfiles;
    char *end, *num = NULL;

    if (i < argc && strcmp(argv[i], "-n") == 0 && i + 1 < argc) {
        num = argv[i + 1];
        i += 2;
    } else if (i < argc && strncmp(argv[i], "-n", 2) == 0 && argv[i][2]) {
        num = argv[i] + 2;
        i++;
    } else if (i < argc && argv[i][0] == '-' && argv[i][1] >= '0' && argv[i][1] <= '9') {
        num = argv[i] + 1;
        i++;
    } else if (i < argc && argv[i][0] == '-' && argv[i][1]) {
        fprintf(stderr, "usage: head [-n N | -N] [FILE...]\n");
        return 1;
    }
    if (num) {
        n = strtol(num, &end, 10);
        if (end == num || *end || n < 0) {
            fprintf(stderr, "head: invalid number of lines: '%s'\n", num);
            return 1;
        }
    }
    nfiles = argc - i;
    if (nfiles == 0)
        return head(stdin, "standard input", n) < 0;
    for (int first = i; i < argc; i++) {
        int isstdin = strcmp(argv[i], "-") == 0;
        FILE *f = isstdin ? stdin : fopen(argv[i], "r");
        if (!f) {
            fprintf(stderr, "head: cannot open '%s' for reading: %s\n", argv[i], strerror(errno));
            ret = 1;
            continue;
        }
        if (nfiles > 1)
            printf("%s==> %s <==\n", i > first ? "\n" : "", isstdin ? "standard input" : argv[i]);
        if (head(f, argv[i], n) < 0)
            ret = 1;
        if (!isstdin)
            fclose(f);
    }
    return ret;
}
