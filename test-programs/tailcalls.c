/* tailcalls.c: calls that end in tail calls, for gdb's tail-call frames (built with -O2, where
 * GCC turns `return f();` into a jump). The first argument picks the path to `leaf`:
 *   chain    main -> outer => middle => leaf      (=> is a tail call: one path, two tail frames)
 *   either   main -> fork_path => left|right => leaf  (two paths share nothing: no tail frames)
 *   shared   main -> split => via_a|via_b => join => leaf  (two paths share the last hop: join)
 *   direct   main -> leaf                          (an ordinary call)
 * No function takes arguments, so frame lines show no values that depend on entry values. */
#include <string.h>

volatile int counter;
volatile int which;

__attribute__((noinline, noipa)) int leaf(void)
{
    counter++;
    return counter * 2;
}

__attribute__((noinline, noipa)) int middle(void)
{
    counter += 3;
    return leaf();
}

__attribute__((noinline, noipa)) int outer(void)
{
    counter += 5;
    return middle();
}

__attribute__((noinline, noipa)) int left(void)
{
    counter += 7;
    return leaf();
}

__attribute__((noinline, noipa)) int right(void)
{
    counter += 11;
    return leaf();
}

__attribute__((noinline, noipa)) int fork_path(void)
{
    if (which)
        return left();
    return right();
}

__attribute__((noinline, noipa)) int join(void)
{
    counter += 13;
    return leaf();
}

__attribute__((noinline, noipa)) int via_a(void)
{
    counter += 17;
    return join();
}

__attribute__((noinline, noipa)) int via_b(void)
{
    counter += 19;
    return join();
}

__attribute__((noinline, noipa)) int split(void)
{
    if (which)
        return via_a();
    return via_b();
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "chain";
    int result;
    which = argc > 2;
    if (strcmp(mode, "either") == 0)
        result = fork_path();
    else if (strcmp(mode, "shared") == 0)
        result = split();
    else if (strcmp(mode, "direct") == 0)
        result = leaf();
    else
        result = outer();
    return result == 0;
}
