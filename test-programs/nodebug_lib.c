/* nodebug_lib.c: built without debug info into libnodebug_lib.so; `step` must step over it. */
int nodebug_twice(int x)
{
    return x * 2;
}
