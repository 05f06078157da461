#include "lto_parts.h"

struct pair origin = {7, 8};

__attribute__((noinline)) int total(struct pair *p, int n) {
    int s = 0;
    for (int i = 0; i < n; i++)
        s += p[i].a * p[i].b;
    return s;
}

__attribute__((noinline)) int length(const struct node *list, enum mood m) {
    int sum = 0;
    for (const struct node *at = list; at; at = at->next)
        sum += at->value;
    return m == LOST ? -sum : sum;
}

static inline int scale(int x, int k) {
    return x * k + origin.a;
}

__attribute__((noinline)) int weigh(int x, int k) {
    return scale(x, k) + scale(k, x);
}
