# program: cppvalues
# sources: cppvalues.cpp
# mode: ex
set print pretty on
break geo::Square::area
break measure
run
info args
print a
print scale
continue
print *this
print this
display *this
frame 2
info locals
print point
print ints
print reals
print/d point
bt full
finish
