/* target_fork.c: parent and child both call marker(); the child must run it untrapped.
 * With "vfork" as argument the child comes from vfork() instead of fork() (target layer tests).
 * Exits 0 when the child exited normally with status 7. */
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

volatile int marks = 0;

void marker(void)
{
    marks++;
}

int main(int argc, char **argv)
{
    int use_vfork = argc > 1 && strcmp(argv[1], "vfork") == 0;
    pid_t child = use_vfork ? vfork() : fork();
    if (child < 0)
        return 2;
    if (child == 0) {
        marker();
        _exit(7);
    }
    int status = 0;
    if (waitpid(child, &status, 0) != child)
        return 3;
    marker();
    return WIFEXITED(status) && WEXITSTATUS(status) == 7 ? 0 : 1;
}
