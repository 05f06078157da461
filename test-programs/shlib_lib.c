/* A shared library linked into shlib_main at build time (gcc -g -O0 -shared -fPIC).
 * `lib_step` is called only from inside the library, so the program has no PLT entry for it: a
 * breakpoint on it before `run` is pending. `bump` also exists as a static function in the program:
 * once the library loads, `break bump` has two locations. */

static int calls;

int bump(int by)
{
    calls += by;
    return calls;
}

int lib_step(int a, int b)
{
    return a + b;
}

int lib_add(int a, int b)
{
    bump(1);
    return lib_step(a, b);
}

int lib_calls(void)
{
    return calls;
}
