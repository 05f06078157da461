/* recursion.c: recursion as deep as its first argument says (10 by default), for backtraces.
 * `deepest` is where the recursion bottoms out: a breakpoint there sees every frame. */
#include <stdlib.h>

static volatile long sink;

long deepest(long n)
{
    sink = n;
    return n;
}

long factorial(long n)
{
    if (n <= 1)
        return deepest(n);
    long below = factorial(n - 1);
    return n * below;
}

int main(int argc, char **argv)
{
    long depth = argc > 1 ? atol(argv[1]) : 10;
    long result = factorial(depth);
    sink = result;
    return 0;
}
