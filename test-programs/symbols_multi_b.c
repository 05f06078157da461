/* The second unit of symbols_multi: another static `helper`. */
#include "symbols_multi.h"

static int helper(void)
{
    int local = 40;
    return local + 2;
}

int in_b(int n)
{
    int big[64];
    big[0] = n;
    return helper() + twice(big[0]);
}
