/* steps_nodebug.c: calls into a library without line info (step steps over it, as in gdb).
 * rdbg-test: link-shared-nodebug nodebug_lib */
int nodebug_twice(int x);

int main(void)
{
    int a = nodebug_twice(3);
    int b = nodebug_twice(a);
    return a + b == 18 ? 0 : 1;
}
