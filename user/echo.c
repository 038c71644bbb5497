/* echo: print the arguments separated by spaces, then a newline.
   usage: echo [-n] [ARG...]     (-n: no newline) */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    int i = 1, newline = 1;

    if (argc > 1 && strcmp(argv[1], "-n") == 0) {
        newline = 0;
        i++;
    }
    for (; i < argc; i++)
        printf("%s%s", argv[i], i < argc - 1 ? " " : "");
    if (newline)
        putchar('\n');
    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("echo: write error");
        return 1;
    }
    return 0;
}
