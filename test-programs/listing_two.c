/* listing_two.c: calls code that lives in listing_two.h. */
#include "listing_two.h"

int combine(int a, int b)
{
    return twice(a) + thrice(b);
}

int main(void)
{
    int value = combine(2, 3);
    return value == 13 ? 0 : 1;
}
