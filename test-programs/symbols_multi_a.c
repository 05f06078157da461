/* symbols_multi_a.c + symbols_multi_b.c: two units, each with a static `helper`, a shared header
   function, lines without code between functions, and a multi-range `for` header. */
#include "symbols_multi.h"

int in_b(int n);

static int helper(void)
{
    return 1;
}

/* a comment line, no code */

int loop_sum(int n)
{
    int s = 0;
    for (int i = 0; i < n; i++)
        s += i;
    while (s > 100)
    {
        s -= 7;
    }
    return s;
}

int main(void)
{
    int total = helper() + twice(3);
    total += in_b(total);
    total += loop_sum(5);
    if (total > 3)
        total = 3;
    return total - 3;
}
