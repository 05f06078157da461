/* target_exit3.c: exits with status 3 (target layer tests). */
int main(void)
{
    return 3;
}
