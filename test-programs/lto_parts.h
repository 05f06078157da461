/* Shared by lto_main.c and lto_parts.c, built together with -O2 -flto (tests/differential/c_lto.gdb):
   gcc's link-time optimisation writes each function's concrete code in an artificial unit whose
   DIEs point at the types and declarations of the original units (DW_FORM_ref_addr). */
struct pair {
    int a;
    int b;
};

struct node {
    int value;
    struct node *next;
};

enum mood { CALM, BUSY, LOST };

int total(struct pair *p, int n);
int length(const struct node *list, enum mood m);
int weigh(int x, int k);
extern struct pair origin;
