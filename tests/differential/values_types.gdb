# program: values
# mode: ex
ptype counter
whatis counter
ptype struct point
ptype origin
whatis origin
ptype nested
whatis nested
ptype num
ptype color
whatis color
ptype enum flags
ptype typed_point
whatis typed_point
whatis point_t
ptype point_t
ptype binop_t
whatis binop_t
whatis operation
ptype operation
ptype ops
whatis ops
ptype packed
ptype first
ptype grid
whatis grid
ptype greeting
ptype const_value
ptype volatile_value
ptype ldouble
ptype flag
ptype ulong_t
whatis typed_long
ptype typed_long
ptype main
ptype walk
ptype add
whatis add
ptype int
ptype unsigned long
ptype long unsigned int
ptype struct node *
whatis struct point
ptype buffer
ptype void_ptr
ptype byte
ptype shorty
ptype ushorty
ptype llong
whatis ubig
ptype union number
ptype bump
whatis nested.u
ptype nested.u
whatis nested.inner
whatis &origin
ptype &nested
whatis *counter_ptr
whatis primes[1]
whatis grid[1]
whatis &grid
whatis &grid[0]
whatis sizeof(int)
whatis 1+1
whatis 'a'
whatis 1.5
whatis ratio * 2
whatis pi * 2
whatis letter + 1
whatis counter_ptr + 1
whatis *primes@3
whatis (char)counter
whatis (struct point *)0
ptype nope
ptype struct nope
whatis union nope
break walk
run
whatis p
ptype p
whatis q
whatis label
whatis scale
whatis total
up
whatis pt
whatis arr
whatis msg
ptype pp
