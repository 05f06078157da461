/* waits.c: prints its pid, then blocks until killed (tests that a tracee dies with its debugger). */
#include <stdio.h>
#include <unistd.h>

int main(void)
{
    printf("%d\n", (int)getpid());
    fflush(stdout);
    for (;;)
        pause();
}
