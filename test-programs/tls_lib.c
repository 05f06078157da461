/* A shared library with thread-local variables, for tls_main: their block is found through the
 * library's TLS module id in its link_map. */
__thread int lib_tls_counter = 40;
__thread const char *lib_tls_name = "library";
static __thread long lib_tls_hidden = -3;

int lib_tls_bump(int by)
{
    lib_tls_counter += by;
    lib_tls_hidden -= by;
    return lib_tls_counter + (int)lib_tls_hidden;
}
