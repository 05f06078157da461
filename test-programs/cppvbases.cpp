// cppvbases.cpp: C++ virtual base classes for print/ptype: a diamond whose shared base is
// printed once and located through the vtable, a base reached through a pointer to another
// base, a class inheriting a class with a virtual base virtually, access labels, and a
// member whose type has virtual bases.
#include <cstdio>

struct Base {
    int b = 1;
    virtual ~Base() {}
};
struct Left : virtual Base {
    int l = 2;
};
struct Right : virtual Base {
    int r = 3;
};
struct Diamond : Left, Right {
    int d = 4;
};
class Guarded : public virtual Base {
    int secret = 5;

public:
    int open = 6;
};
struct Top : virtual Left {
    int t = 7;
};
struct Holder {
    Diamond inner;
    int tag = 8;
};

int use(Diamond &x, Left *pl)
{
    return x.b + x.l + x.r + x.d + pl->b;
}

int main()
{
    Diamond dm;
    Left lf;
    Left *pl = &dm;
    Right *pr = &dm;
    Guarded gd;
    Top top;
    Holder holder;
    dm.b = 10;
    top.b = 20;
    holder.inner.b = 30;
    int total = use(dm, pl) + lf.l + pr->b + gd.open + top.t + holder.tag;
    printf("%d\n", total);
    return 0;
}
