/* target_segv.c: writes through a null pointer (target layer tests). */
int main(void)
{
    volatile int *p = 0;
    *p = 1;
    return 0;
}
