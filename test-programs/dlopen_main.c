/* Loads libdlopen_plugin.so (built next to this program) with dlopen, calls it, unloads it, and
 * loads it again: breakpoints in the plugin resolve at each load and go away at each unload.
 * It prints nothing, so that its output cannot interleave with the debugger's; the exit status
 * says whether the plugin answered (0) or not.
 * rdbg-test: shared dlopen_plugin
 * rdbg-test: flags -ldl */
#include <dlfcn.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

static int call_plugin(const char *path, int x)
{
    void *handle = dlopen(path, RTLD_NOW);
    if (!handle)
        return -1;
    int (*square)(int) = (int (*)(int))dlsym(handle, "plugin_square");
    int result = square ? square(x) : -1;
    dlclose(handle);
    return result;
}

int main(void)
{
    char path[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", path, sizeof path - 32);
    if (n < 0)
        return 2;
    path[n] = '\0';
    char *slash = strrchr(path, '/');
    strcpy(slash ? slash + 1 : path, "libdlopen_plugin.so");
    int first = call_plugin(path, 3);
    int second = call_plugin(path, 4);
    return first == 9 && second == 16 ? 0 : 1;
}
