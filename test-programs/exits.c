/* exits.c: ends the way its first argument says: a number is the exit code, "segv" crashes,
 * "abort" aborts, "trap" executes an int3 of its own; no argument exits normally. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>

static int crash(void)
{
    volatile int *nowhere = 0;
    return *nowhere;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return 0;
    if (strcmp(argv[1], "segv") == 0)
        return crash();
    if (strcmp(argv[1], "abort") == 0)
        abort();
    if (strcmp(argv[1], "trap") == 0)
        __asm__ volatile("int3");
    if (strcmp(argv[1], "usr1") == 0)
        raise(SIGUSR1);
    return atoi(argv[1]);
}
