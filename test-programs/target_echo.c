/* target_echo.c: copies stdin to stdout with a prefix, and a line to stderr (target layer tests). */
#include <stdio.h>

int main(void)
{
    char line[256];
    while (fgets(line, sizeof line, stdin))
        printf("got: %s", line);
    fprintf(stderr, "err\n");
    return 0;
}
