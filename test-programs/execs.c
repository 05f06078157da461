/* execs.c: runs `basics` (the program named by argv[1]) through execv: rdbg must follow the new image. */
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: execs PROGRAM\n");
        return 2;
    }
    char *args[] = {argv[1], NULL};
    execv(argv[1], args);
    perror("execv");
    return 1;
}
