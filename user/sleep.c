/* sleep: wait for a number of seconds (fractions allowed: sleep 0.5).
   usage: sleep SECONDS */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv)
{
    struct timespec t;
    char *end;
    double s;

    if (argc != 2) {
        fprintf(stderr, "usage: sleep SECONDS\n");
        return 1;
    }
    s = strtod(argv[1], &end);
    if (end == argv[1] || *end || !(s >= 0) || s > 1e9) {
        fprintf(stderr, "sleep: invalid time interval '%s'\n", argv[1]);
        return 1;
    }
    t.tv_sec = (time_t)s;
    t.tv_nsec = (long)((s - (double)t.tv_sec) * 1e9);
    while (nanosleep(&t, &t) < 0) {
        if (errno != EINTR) {
            perror("sleep: nanosleep");
            return 1;
        }
    }
    return 0;
}
