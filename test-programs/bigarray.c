/* Large arrays for the memory benchmarks (issue 4): `dump binary memory` of a 16 MiB array,
 * `x/65536xw &big` and `print big[0]@131072`. The contents follow a pattern set at run time so
 * that no two neighbouring elements repeat (gdb would otherwise collapse them into
 * `<repeats N times>` and the print would measure nothing). */

#include <stdint.h>
#include <stddef.h>

#define BLOB_BYTES (16u * 1024u * 1024u)
#define BIG_INTS (131072 + 1024)

unsigned char blob[BLOB_BYTES];
int big[BIG_INTS];
int after_big = 42;

static void fill(void)
{
    uint32_t x = 2463534242u;
    for (size_t i = 0; i < BLOB_BYTES; i++) {
        /* xorshift32: a pattern that is cheap and never constant. */
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        blob[i] = (unsigned char)x;
    }
    for (int i = 0; i < BIG_INTS; i++)
        big[i] = i * 7 - 1000;
}

int main(void)
{
    fill();
    return blob[12345] + big[99] + after_big; /* line 33: after the arrays are filled */
}
