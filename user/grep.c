/* grep: print the lines that contain a fixed string (no regular expressions).
   usage: grep [-v] [-c] [-i] [-q] [-n] STRING [FILE...]
   Exit status: 0 a line was selected, 1 none was, 2 an error happened. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int vflag, cflag, iflag, qflag, nflag;

/* Does line contain pat (ignoring case with -i)? The empty string is in every line. */
static int contains(const char *line, const char *pat)
{
    if (!iflag)
        return strstr(line, pat) != NULL;
    for (const char *s = line;; s++) {
        size_t i = 0;
        while (pat[i] && tolower((unsigned char)s[i]) == tolower((unsigned char)pat[i]))
            i++;
        if (!pat[i])
            return 1;
        if (!*s)
            return 0;
    }
}

/* Search stream f (called name; name is printed when prefix). Returns the number
   of selected lines, or -1 after a read error. With -q, stops at the first. */
static long search(FILE *f, const char *name, const char *pat, int prefix)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    long count = 0, lineno = 0;

    while ((len = getline(&line, &cap, f)) >= 0) {
        lineno++;
        if (len > 0 && line[len - 1] == '\n')
            line[len - 1] = 0;
        if (contains(line, pat) == vflag)
            continue;
        count++;
        if (qflag)
            break;
        if (cflag)
            continue;
        if (prefix)
            printf("%s:", name);
        if (nflag)
            printf("%ld:", lineno);
        printf("%s\n", line);
    }
    free(line);
    if (ferror(f)) {
        fprintf(stderr, "grep: %s: %s\n", name, strerror(errno));
        return -1;
    }
    if (cflag && !qflag) {
        if (prefix)
            printf("%s:", name);
        printf("%ld\n", count);
    }
    return count;
}

int main(int argc, char **argv)
{
    int i, nfiles, selected = 0, error = 0;
    const char *pat;

    for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        }
        for (char *o = argv[i] + 1; *o; o++) {
            switch (*o) {
            case 'v': vflag = 1; break;
            case 'c': cflag = 1; break;
            case 'i': iflag = 1; break;
            case 'q': qflag = 1; break;
            case 'n': nflag = 1; break;
            default:
                fprintf(stderr, "grep: invalid option -- '%c'\n", *o);
                goto usage;
            }
        }
    }
    if (i == argc)
        goto usage;
    pat = argv[i++];
    nfiles = argc - i;
    if (nfiles == 0)
        return search(stdin, "(standard input)", pat, 0) > 0 ? 0 : 1;
    for (; i < argc; i++) {
        int isstdin = strcmp(argv[i], "-") == 0;
        FILE *f = isstdin ? stdin : fopen(argv[i], "r");
        long n;
        if (!f) {
            fprintf(stderr, "grep: %s: %s\n", argv[i], strerror(errno));
            error = 1;
            continue;
        }
        n = search(f, isstdin ? "(standard input)" : argv[i], pat, nfiles > 1);
        if (!isstdin)
            fclose(f);
        if (n < 0)
            error = 1;
        if (n > 0)
            selected = 1;
        if (selected && qflag)
            return 0;
    }
    fflush(stdout);
    return error ? 2 : selected ? 0 : 1;
usage:
    fprintf(stderr, "usage: grep [-v] [-c] [-i] [-q] [-n] STRING [FILE...]\n");
    return 2;
}
