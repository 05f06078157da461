/* optimized_args.c: -O2 functions whose arguments live in registers, move between them (location
 * lists), die before the function ends (entry values from the caller's call site) or are never
 * used; the frame lines and backtraces gdb shows for them are the reference. */
#include <stdio.h>
#include <string.h>

struct pair {
    long a;
    long b;
};

volatile int sink;

__attribute__((noinline)) int leaf(int x, int y)
{
    sink = x;
    return x * y + sink;
}

__attribute__((noinline)) long announce(long n, const char *label)
{
    long len = (long)strlen(label);
    sink = (int)n;
    puts(label);
    return len + sink;
}

__attribute__((noinline)) int unused_arg(int used, int unused)
{
    return used * 2 + sink;
}

__attribute__((noinline)) long sum_pair(struct pair p, int k)
{
    sink = k;
    return p.a + p.b + sink;
}

__attribute__((noinline)) long chain(long depth, long acc)
{
    if (depth == 0)
        return announce(acc, "bottom");
    return chain(depth - 1, acc + depth) + 1;
}

__attribute__((noinline)) long halve(long n)
{
    n = n / 2 + sink;
    sink = (int)n;
    return n * 3;
}

int main(int argc, char **argv)
{
    int total = leaf(argc + 2, 7);
    total += (int)announce(total, argv[0] + strlen(argv[0]) - 14);
    total += unused_arg(total, 99);
    struct pair p = { argc, 40 };
    total += (int)sum_pair(p, 3);
    total += (int)chain(3, total);
    total += (int)halve(total + 100);
    return total & 1;
}
