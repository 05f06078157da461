// cpplayouts.cpp: C++ aggregates for `set print pretty` (gdb is the oracle): a class with a base
// and no fields of its own, an empty class, arrays of classes, a static member of class type,
// a reference member, a union member, virtual bases in an array and behind a reference.
#include <cstdio>

struct Point {
    int x;
    int y;
};

struct Empty {
};

struct Tagged : Point {
};

struct Named : Point {
    static Point origin;
    const char *name;
    union {
        int id;
        float weight;
    };
};

Point Named::origin = {0, 0};

struct Base {
    int b = 1;
    virtual ~Base() {}
};

struct Mid : virtual Base {
    int m = 2;
};

struct Pinned {
    Point &at;
    Point copy;
    Empty nothing;
};

struct Fleet {
    Named ships[2];
    Mid mids[2];
};

Point here = {5, 6};
Point points[3] = {{1, 2}, {3, 4}, {5, 6}};
Empty empty;
Tagged tagged = {{7, 8}};
Named named = {{9, 10}, "nine", {11}};

int visit(Pinned &pin, const Mid &mid, Fleet *fleet)
{
    return pin.at.x + pin.copy.y + mid.m + fleet->mids[1].b;
}

Mid make_mid()
{
    Mid m;
    m.m = 3;
    return m;
}

Named make_named()
{
    return named;
}

int main()
{
    Pinned pin = {here, {1, 1}, {}};
    Fleet fleet = {{named, named}, {}};
    Mid mid;
    Mid made = make_mid();
    Named copy = make_named();
    int total = visit(pin, mid, &fleet) + made.m + copy.x;
    std::printf("%d\n", total);
    return 0;
}
