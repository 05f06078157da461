/* stepping.c: step, next, finish, until and advance: recursion, return values of several types,
 * a loop, a call through a pointer, and a function that never returns. */
#include <stdbool.h>
#include <stdlib.h>

struct pair {
    int left;
    int right;
};

static int depth_reached = 0;

int factorial(int n)
{
    if (n <= 1)
        return 1;
    int below = factorial(n - 1);
    return n * below;
}

double half(double x)
{
    return x / 2;
}

float third(float x)
{
    return x / 3;
}

char initial(const char *name)
{
    return name[0];
}

bool is_even(int n)
{
    return n % 2 == 0;
}

const char *label(int n)
{
    return n > 0 ? "positive" : "non-positive";
}

int *deepest(void)
{
    return &depth_reached;
}

unsigned long big(void)
{
    return 18446744073709551615UL;
}

long negative(void)
{
    return -42;
}

int apply(int (*fn)(int), int value)
{
    return fn(value);
}

void finish_now(int code)
{
    exit(code);
}

int main(int argc, char **argv)
{
    int sum = 0;
    for (int i = 0; i < 3; i++)
        sum += i;
    int f = factorial(4);
    double h = half(5.0);
    float t = third(1.0f);
    char c = initial("rdbg");
    bool even = is_even(f);
    const char *l = label(sum);
    int *p = deepest();
    unsigned long b = big();
    long neg = negative();
    int a = apply(factorial, 3);
    depth_reached = f + (int)h + (int)t + c + even + (l != 0) + (p != 0) + (int)b + (int)neg + a;
    if (argc > 1)
        finish_now(depth_reached & 7);
    return 0;
}
