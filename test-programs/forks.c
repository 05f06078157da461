/* forks.c: the child runs the same function the parent has a breakpoint in; it must not trap. */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int work(int n)
{
    return n * 2;
}

int main(void)
{
    pid_t child = fork();
    if (child == 0) {
        int r = work(21);
        _exit(r == 42 ? 0 : 1);
    }
    int status = 0;
    waitpid(child, &status, 0);
    int result = work(1);
    printf("child %s, result %d\n", WIFEXITED(status) && WEXITSTATUS(status) == 0 ? "ok" : "failed", result);
    return 0;
}
