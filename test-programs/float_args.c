/* Built -O2: float and double arguments live in xmm registers (DW_OP_regx 17-32), move between
 * them, and are recovered at entry from the caller's DW_OP_entry_value / DW_OP_const_type. */
#include <stdio.h>

volatile double dsink;
volatile float fsink;

__attribute__((noinline)) double scale(double x, float f, int k)
{
    dsink = x * f;
    fsink = f;
    return x * k + dsink;
}

__attribute__((noinline)) double outer(double y)
{
    return scale(y + 1.5, (float)y, 3) * 2;
}

__attribute__((noinline)) float mix(float a, double b, float c, long n)
{
    fsink = a + c;
    dsink = b * n;
    return a * c + (float)b;
}

int main(void)
{
    double r = outer(2.25);
    float m = mix(1.25f, -0.1, 3.0f, 4);
    printf("%f %f\n", r, m);
    return 0;
}
