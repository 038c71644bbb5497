/* uname: print system information.
   usage: uname [-a] [-s] [-n] [-r] [-v] [-m]   (no option: -s) */
#include <stdio.h>
#include <sys/utsname.h>

int main(int argc, char **argv)
{
    struct utsname u;
    int want[5] = { 0 }, any = 0, first = 1;
    const char *opts = "snrvm";

    for (int i = 1; i < argc; i++) {
        if (argv[i][0] != '-' || !argv[i][1])
            goto usage;
        for (char *o = argv[i] + 1; *o; o++) {
            int k;
            for (k = 0; k < 5 && opts[k] != *o; k++)
                ;
            if (*o == 'a') {
                for (k = 0; k < 5; k++)
                    want[k] = 1;
            } else if (k < 5) {
                want[k] = 1;
            } else {
                fprintf(stderr, "uname: invalid option -- '%c'\n", *o);
                goto usage;
            }
            any = 1;
        }
    }
    if (!any)
        want[0] = 1;
    if (uname(&u) < 0) {
        perror("uname");
        return 1;
    }
    const char *field[5] = { u.sysname, u.nodename, u.release, u.version, u.machine };
    for (int k = 0; k < 5; k++) {
        if (!want[k])
            continue;
        printf("%s%s", first ? "" : " ", field[k]);
        first = 0;
    }
    printf("\n");
    return 0;
usage:
    fprintf(stderr, "usage: uname [-a] [-s] [-n] [-r] [-v] [-m]\n");
    return 1;
}
