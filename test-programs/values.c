/* Variables of every kind the value printer and ptype/whatis must handle (issue 4). */
#include <stdbool.h>
#include <stddef.h>

struct point {
    int x;
    int y;
};

struct inner {
    int y;
    char tag;
};

struct outer {
    int id;
    struct inner inner;
    struct point pts[2];
    const char *name;
    union {
        int as_int;
        float as_float;
    } u;
};

union number {
    int i;
    float f;
    unsigned char bytes[4];
};

enum color { RED, GREEN = 5, BLUE };

enum flags { FLAG_A = 1, FLAG_B = 2, FLAG_C = 4 };

typedef struct point point_t;
typedef int (*binop_t)(int, int);
typedef unsigned long ulong_t;

struct bits {
    unsigned int ready : 1;
    unsigned int mode : 3;
    int delta : 4;
    unsigned char rest;
};

struct node {
    int value;
    struct node *next;
};

int counter = 42;
char letter = 'A';
unsigned char byte = 200;
short shorty = -3;
unsigned short ushorty = 65535;
long big = -1234567890123L;
unsigned long ubig = 18446744073709551615UL;
long long llong = 99;
bool flag = true;
float ratio = 1.5f;
double pi = 3.14159265358979;
double third = 1.0 / 3.0;
long double ldouble = 2.5L;
const char *greeting = "hello, world";
char buffer[16] = "abc";
char *null_string = NULL;
int primes[5] = {2, 3, 5, 7, 11};
int zeros[20];
int grid[2][3] = {{1, 2, 3}, {4, 5, 6}};
int many[300];
struct point origin = {1, 2};
struct outer nested = {7, {9, 'z'}, {{1, 2}, {3, 4}}, "outer", {65}};
union number num = {.i = 1078530011};
enum color color = BLUE;
enum color bad_color = (enum color)7;
enum flags some_flags = FLAG_A | FLAG_C;
enum flags odd_flags = FLAG_B | 16;
point_t typed_point = {5, 6};
ulong_t typed_long = 77;
struct bits packed = {1, 5, -3, 9};
struct node second = {2, NULL};
struct node first = {1, &second};
int *counter_ptr = &counter;
int *null_ptr = NULL;
void *void_ptr = &counter;
const int const_value = 10;
volatile int volatile_value = 11;
int repeats[12] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2};
static int file_static = 123;
int counting[250];
char long_text[300];

int add(int a, int b) {
    return a + b;
}

int sub(int a, int b) {
    return a - b;
}

binop_t operation = add;
int (*ops[2])(int, int) = {add, sub};

static int bump(void) {
    static int calls = 0;
    calls++;
    return calls;
}

int walk(struct point *p, struct point q, const char *label, double scale) {
    int total = p->x + q.y;
    {
        int inner_total = total * 2;
        {
            int deepest = inner_total + 1;
            total += deepest;
        }
        total += inner_total;
    }
    return total + (int)(scale * 2) + label[0];
}

int main(void) {
    int local = 5;
    char ch = 'q';
    double d = 0.25;
    struct point pt = {3, 4};
    int arr[4] = {10, 20, 30, 40};
    int *ptr = &arr[1];
    struct point *pp = &pt;
    const char *msg = "local message";
    many[299] = 1;
    for (int i = 0; i < 250; i++)
        counting[i] = i;
    for (int i = 0; i < 299; i++)
        long_text[i] = 'a' + i % 26;
    bump();
    bump();
    local += walk(&pt, origin, msg, d);
    counter += local + ch + (int)d + arr[0] + *ptr + pp->y;
    return counter > 1000 ? 1 : 0;
}
