/* symbols_multi.h: a static inline function defined in a header, so its code lands in every unit. */
static inline int twice(int x)
{
    return x * 2;
}
