# program: values
break main
run
break add
print add(1,2)
bt
finish
bt
print add(3,4)
continue
bt
print local
print sub(10, 4)
print operation(2, 3)
print ops[1](5, 3)
print (*ops[0])(5, 3)
print bump()
print bump() + bump()
print walk(&pt, origin, "xyz", 1.5)
print walk(pp, pt, msg, d)
whatis bump()
print sizeof(bump())
print bump()
info breakpoints
delete 2
print add(2, 2) * add(3, 3)
next
next
info locals
