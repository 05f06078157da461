/* With lto_parts.c, built -O2 -flto: see lto_parts.h. */
#include <stdio.h>
#include "lto_parts.h"

int main(void) {
    struct pair ps[2] = {{1, 2}, {3, 4}};
    struct node c = {3, 0}, b = {2, &c}, a = {1, &b};
    int t = total(ps, 2);
    int l = length(&a, BUSY);
    origin.b += t;
    int w = weigh(t, l);
    printf("%d %d %d %d\n", t, l, w, origin.b);
    return 0;
}
