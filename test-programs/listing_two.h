/* listing_two.h: code in a header, so one program has two source files with lines. */
static int twice(int x)
{
    int doubled = x * 2;
    return doubled;
}

static int thrice(int x)
{
    return x * 3;
}
