/* layouts.c: aggregates for `set print pretty` (gdb is the oracle): nested structs, arrays of
   structs (with repeats and the elements limit), arrays inside structs, anonymous members,
   unions, bit fields, an empty struct, pointers and function pointers as members. */
#include <stddef.h>

struct pair {
    int a;
    int b;
};

struct empty {
};

struct flags {
    unsigned int on : 1;
    unsigned int level : 3;
    int offset : 5;
};

struct record {
    int id;
    struct pair span;
    struct pair hops[3];
    int counts[4];
    char label[8];
    struct {
        short lo;
        short hi;
    };
    union {
        int whole;
        unsigned char parts[4];
    } raw;
    struct flags bits;
    struct empty nothing;
    struct pair *link;
    int (*hook)(int);
    double weights[2][2];
};

struct matrix {
    struct pair rows[2][2];
};

struct holder {
    struct record inner;
};

static int twice(int v)
{
    return v * 2;
}

struct pair lone = {1, 2};
struct pair pairs[3] = {{1, 2}, {3, 4}, {5, 6}};
struct pair same[12];
struct pair mixed[14] = {{7, 7}, {7, 7}, {7, 7}, {7, 7}, {7, 7}, {7, 7}, {7, 7}, {7, 7}, {7, 7}, {7, 7}, {7, 7}, {1, 2}, {3, 4}, {5, 6}};
struct empty none;
struct empty nones[2];
struct matrix grid = {{{{1, 2}, {3, 4}}, {{5, 6}, {7, 8}}}};
struct record rec = {
    .id = 5,
    .span = {10, 20},
    .hops = {{1, 1}, {2, 2}, {3, 3}},
    .counts = {9, 8, 7, 6},
    .label = "tag",
    .lo = -1,
    .hi = 1,
    .raw = {.whole = 0x01020304},
    .bits = {1, 6, -7},
    .link = &lone,
    .hook = twice,
    .weights = {{0.5, 1.5}, {2.5, 3.5}},
};
struct holder held;
struct record *rec_ptr = &rec;
union shape {
    struct pair p;
    long l;
} shaped = {{3, 4}};

int use(struct record *r, struct pair p, struct pair *pp)
{
    struct pair local = {r->id, p.b};
    struct pair local_pairs[2] = {{1, 2}, {3, 4}};
    struct record copy = *r;
    return local.a + local_pairs[1].b + copy.id + pp->a + twice(p.a);
}

struct pair make_pair(int a, int b)
{
    struct pair p = {a, b};
    return p;
}

int main(void)
{
    held.inner = rec;
    struct pair made = make_pair(4, 5);
    return use(&rec, lone, &made) > 100;
}
