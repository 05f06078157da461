# program: values
# mode: ex
info locals
break values.c:117
break bump
run
info locals
info args
print deepest
print inner_total
print total
print p
print *p
print p->x
print q
print q.y
print label
print scale
up
info locals
info args
print local
print pt
print arr
print ptr
print pp
print msg
print ch
print d
frame 0
info locals
print calls
continue
info locals
up
print calls
info locals
frame 2
down
print calls
bt
finish
