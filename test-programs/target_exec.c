/* target_exec.c: execs itself once with an argument; the second image exits 5 (target layer tests). */
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc > 1)
        return 5;
    execl(argv[0], argv[0], "again", (char *)0);
    return 1;
}
