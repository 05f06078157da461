/* io.c: copies stdin to stdout, upper-cased, and reports its arguments on stderr (redirection tests). */
#include <ctype.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    int c;
    for (int i = 1; i < argc; i++)
        fprintf(stderr, "arg%d=[%s]\n", i, argv[i]);
    while ((c = getchar()) != EOF)
        putchar(toupper(c));
    return 0;
}
