/* A plugin dlopen_main loads at run time (gcc -g -O0 -shared -fPIC). */
int plugin_value;

int plugin_square(int x)
{
    plugin_value = x * x;
    return plugin_value;
}
