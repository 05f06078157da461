/* listing_long.c: a longer file for `list`, `info line` and `info source`: more than 60 lines,
 * functions near both ends, blank lines and comments between them, a loop over several lines. */
#include <stdio.h>

static int squares[8];

/* The first function: close to the top, so listing around it clamps at line 1. */
static int square(int n)
{
    return n * n;
}

static void fill(void)
{
    for (int i = 0; i < 8; i++)
        squares[i] = square(i);
}

static int sum_range(int from, int to)
{
    int sum = 0;
    int i = from;
    while (i < to) {
        sum += squares[i];
        i++;
    }
    return sum;
}

/*
 * A comment block with no code at all:
 * `info line` on these lines points at the next line that has code.
 */

static int classify(int value)
{
    if (value < 10)
        return 0;
    else if (value < 100)
        return 1;
    else
        return 2;
}

static const char *names[] = {"small", "medium", "large"};

static void report(int total)
{
    int kind = classify(total);
    printf("total %d is %s\n", total, names[kind]);
}

int main(void)
{
    fill();
    int first = sum_range(0, 4);
    int second = sum_range(4, 8);
    report(first);
    report(second);
    return 0;
}

/* The last function: close to the end, so listing around it runs into the end of the file. */
int unused_tail(int x)
{
    return x + 1;
}
