/* format_data.c: static data of many shapes, for differential tests of `x`, `disassemble` and `x/i`. */
#include <math.h>
#include <stdio.h>
#include <string.h>

const unsigned char bytes[32] = {0x00, 0x01, 0x7f, 0x80, 0xff, 'h', 'i', '\n', '\t', '\\', '\'', '"', 0x1b, 0x07,
                                 0x08, 0x0c, 0x0d, 0x0b, 0x20, 0x7e, 0x9a, 0xc3, 0xa9, 0x00, 0xde, 0xad, 0xbe, 0xef};
const short shorts[8] = {0, 1, -1, 32767, -32768, 1234, -1234, 256};
const int ints[8] = {0, 1, -1, 2147483647, -2147483647 - 1, 123456, -123456, 65536};
const long longs[4] = {0, -1, 9223372036854775807L, -9223372036854775807L - 1};
const float floats[12] = {0.0f, 1.5f, -2.25f, 1e30f, 1e-30f, 3.14159265f, 0.1f, 100.0f, 1e7f, 123456789.0f, -0.0f, 1e-5f};
const double doubles[12] = {0.0, 1.5, 1e100, -1e-100, 3.141592653589793, 0.1, 100.0, 1e16, 1e17, 123456.789, -0.0, 5e-324};
double specials[4];
float fspecials[4];
const char text[] = "hello, world";
const char escapes[] = "tab\there\nnl \"q\" 'a' \\ \001\377 end";
char long_text[300];
char unterminated[4] = {'a', 'b', 'c', 'd'};
const char after_unterminated[] = "XYZ";
const short wide16[] = {'w', 'i', 'd', 'e', 0};
const int wide32[] = {'W', 'I', 'D', 'E', 0x263a, 0};
const char repeats[] = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab";
int main(void);
void *pointers[4] = {(void *)bytes, (void *)ints, 0, (void *)main};

int add(int a, int b)
{
    int sum = a + b;
    return sum;
}

static double mix(double x, float y, long z)
{
    double r = x * y + (double)z;
    if (r > 10.0)
        r = r / 3.0 - fabs(x);
    return r;
}

int main(void)
{
    memset(long_text, 'x', sizeof long_text - 1);
    specials[0] = NAN;
    specials[1] = -INFINITY;
    specials[2] = INFINITY;
    specials[3] = -NAN;
    fspecials[0] = NAN;
    fspecials[1] = -INFINITY;
    int total = add(1, 2);
    total += (int)mix(1.0, 2.0f, 3);
    printf("%d %s %p\n", total, text, pointers[0]);
    puts(escapes);
    return 0;
}
