/* Thread-local variables of the program (TLS module 1) and of a library linked with it.
 * rdbg-test: link-shared tls_lib */
#include <stdio.h>

extern __thread int lib_tls_counter;
int lib_tls_bump(int by);

__thread int tls_counter = 5;
__thread double tls_ratio = 0.5;
static __thread char tls_tag[8] = "main";

int main(void)
{
    static __thread int calls;
    calls++;
    tls_counter += lib_tls_bump(2);
    tls_ratio *= 3;
    printf("%d %g %s %d %d\n", tls_counter, tls_ratio, tls_tag, lib_tls_counter, calls);
    return 0;
}
