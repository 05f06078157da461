/* inline_chain.c: static inline functions calling each other, so that at -O2 a backtrace from the
   innermost one shows several inline frames on top of main. */
#include <stdio.h>

volatile int sink;

static inline __attribute__((always_inline)) void leaf(void)
{
    sink += 3;
    sink *= 2;
}

static inline __attribute__((always_inline)) void middle(void)
{
    sink += 1;
    leaf();
    sink -= 1;
}

static inline __attribute__((always_inline)) void outer(void)
{
    middle();
    sink ^= 5;
}

__attribute__((noinline)) int report(int value)
{
    printf("sink=%d\n", value);
    return value;
}

int main(void)
{
    sink = 1;
    outer();
    report(sink);
    outer();
    return report(sink) == 0;
}
