/* loop.c: calls tick() many times (argv[1], default 20000), for breakpoint-hit benchmarks, and spins
 * in a long loop for stepping benchmarks. */
#include <stdlib.h>

volatile long ticks = 0;

void tick(void)
{
    ticks++;
}

long spin(long n)
{
    long sum = 0;
    for (long i = 0; i < n; i++)
        sum += i ^ (sum >> 3);
    return sum;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 20000;
    for (long i = 0; i < n; i++)
        tick();
    return (int)(spin(n) & 1);
}
