/* basics.c: small functions, a loop and globals: the first thing rdbg is tried on. */
#include <stdio.h>

int counter = 0;
static const int limits[4] = {10, 20, 30, 0};
const char *greeting = "hello, world";

int add(int a, int b)
{
    int sum = a + b;
    return sum;
}

int scale(int value, int factor)
{
    int result = add(value, 0) * factor;
    counter++;
    return result;
}

void tick(void)
{
    counter++;
}

int main(void)
{
    int total = 0;
    for (int i = 0; i < 5; i++) {
        int scaled = scale(i, 3);
        total += scaled;
    }
    tick();
    printf("%s: total=%d limit=%d\n", greeting, total, limits[1]);
    return 0;
}
