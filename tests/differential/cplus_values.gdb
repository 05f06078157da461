# program: cppvalues
# sources: cppvalues.cpp
# mode: ex
break geo::Square::area
break measure
run
info args
print a
print scale
ptype a
whatis a
whatis scale
continue
info args
info locals
print *this
print this
print this->side_
whatis this
ptype this
frame 2
info locals
print square
print ints
print reals
print color
print point
print ref
print shape
print *shape
print square.side_
print ints.first
whatis square
whatis ints
whatis color
whatis ref
whatis shape
ptype ints
ptype point
ptype ref
ptype shape
ptype square
ptype color
whatis point
print point.color
print &square
