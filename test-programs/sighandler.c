/* sighandler.c: raises SIGUSR1 at itself; the handler runs on the signal frame the kernel built,
 * so a backtrace from inside it goes through `<signal handler called>` back to main. */
#include <signal.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t handled;

static void on_usr1(int signo)
{
    handled = signo;
}

static void send_signal(int times)
{
    for (int i = 0; i < times; i++)
        kill(getpid(), SIGUSR1);
}

int main(void)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_usr1;
    sigaction(SIGUSR1, &action, NULL);
    send_signal(1);
    return handled == SIGUSR1 ? 0 : 1;
}
