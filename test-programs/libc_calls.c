/* libc_calls.c: calls into libc (puts, printf, abort) so that stops and backtraces show libc's
 * frames, whose -O2 arguments need location lists and entry values to print as gdb prints them. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    puts("hello, world");
    printf("%d arguments\n", argc);
    if (argc > 1)
        abort();
    return 0;
}
