# program: returns
# mode: ex
print make_pair(1, 2)
break main
run
print make_pair(3, 4)
print make_coords(1.5, 2)
print make_mixed(2.5, 7)
print make_big(10)
print make_bytes()
print precise()
print favourite()
print truth()
print byte()
print small()
print ratio()
print where()
print *where()
print name()
print make_pair(1)
print make_pair(1, 2, 3)
print make_pair(1, 2).right
print make_big(1).d + 1
call truth()
call make_pair(5, 6)
output make_pair(7, 8)
print abs(-3)
print (int) abs(-3)
print strlen("hello")
print (unsigned long) strlen("hello")
print (int) strlen(name())
print $rip
bt
print nosuch(1)
print counter(1)
print make_coords(1, 2)
print make_pair(1.9, 2)
print sizeof(make_pair(1,2))
whatis make_pair(1, 2)
ptype make_big(1)
print $_exitcode
next
info locals
