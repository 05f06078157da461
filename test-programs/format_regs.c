/* format_regs.c: leaves interesting values in x87, SSE and general registers, for register-format captures. */
#include <stdio.h>

volatile long double ld_in = 1.5L;
volatile double d_in = 3.141592653589793;
volatile float f_in = -2.25f;

long double x87(long double a, long double b)
{
    return a / b + 1e300L * 1e300L;
}

double sse(double x, float y)
{
    return x * y;
}

void stop_here(void)
{
}

int main(void)
{
    long double l = x87(ld_in, 3.0L);
    double d = sse(d_in, f_in);
    __asm__ volatile("fldpi\n\tfld1\n\tfldz\n\tfldl2e" ::: "memory");
    stop_here();
    printf("%Lg %g\n", l, d);
    return 0;
}
