/* cat: copy files (or standard input, also for "-") to standard output.
   usage: cat [FILE...] */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Copy all of fd to standard output. Returns 0, or -1 after a message. */
static int copy(int fd, const char *name)
{
    char buf[8192];
    ssize_t n;

    while ((n = read(fd, buf, sizeof buf)) != 0) {
        if (n < 0) {
            if (errno == EINTR)
                continue;
            fprintf(stderr, "cat: %s: %s\n", name, strerror(errno));
            return -1;
        }
        for (ssize_t done = 0; done < n;) {
            ssize_t w = write(1, buf + done, n - done);
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0) {
                fprintf(stderr, "cat: write error: %s\n", strerror(errno));
                return -1;
            }
            done += w;
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    int ret = 0;

    if (argc == 1)
        return copy(0, "-") < 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-") == 0) {
            ret |= copy(0, "-") < 0;
            continue;
        }
        int fd = open(argv[i], O_RDONLY);
        if (fd < 0) {
            fprintf(stderr, "cat: %s: %s\n", argv[i], strerror(errno));
            ret = 1;
            continue;
        }
        ret |= copy(fd, argv[i]) < 0;
        close(fd);
    }
    return ret;
}
