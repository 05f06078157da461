/* Calls into shlib_lib.so (linked at build time) and libc; for pending breakpoints, breakpoints
 * across libraries and info sharedlibrary.
 * rdbg-test: link-shared shlib_lib */
#include <stdio.h>

int lib_add(int a, int b);
int lib_calls(void);

static int bump(int by)
{
    return by * 2;
}

int main(void)
{
    int total = 0;
    for (int i = 0; i < 3; i++)
        total = lib_add(total, i);
    puts("hello");
    printf("total %d after %d calls, %d\n", total, lib_calls(), bump(2));
    return 0;
}
