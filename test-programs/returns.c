/* returns.c: functions returning each x86-64 ABI class, for finish's "Value returned". */
#include <stdbool.h>

struct pair { int left; int right; };
struct coords { double x; double y; };
struct mixed { double weight; int count; };
struct big { long a, b, c, d; };
struct bytes { char tag[3]; short id; };
enum colour { RED, GREEN, BLUE };

static int counter = 7;

struct pair make_pair(int l, int r) { struct pair p = {l, r}; return p; }
struct coords make_coords(double x, double y) { struct coords c = {x, y}; return c; }
struct mixed make_mixed(double w, int n) { struct mixed m = {w, n}; return m; }
struct big make_big(long base) { struct big b = {base, base + 1, base + 2, base + 3}; return b; }
struct bytes make_bytes(void) { struct bytes b = {{'a', 'b', 'c'}, 42}; return b; }
long double precise(void) { return 1.0L / 3; }
enum colour favourite(void) { return BLUE; }
bool truth(void) { return true; }
unsigned char byte(void) { return 200; }
short small(void) { return -12; }
float ratio(void) { return 0.25f; }
int *where(void) { return &counter; }
const char *name(void) { return "returns"; }

int main(void)
{
    struct pair p = make_pair(1, 2);
    struct coords c = make_coords(1.5, -2.25);
    struct mixed m = make_mixed(3.5, 9);
    struct big b = make_big(100);
    struct bytes y = make_bytes();
    long double d = precise();
    enum colour f = favourite();
    int total = p.left + (int)c.x + m.count + (int)b.d + y.id + (int)d + f + truth() + byte() + small()
        + (int)ratio() + *where() + name()[0];
    return total == 0;
}
