# program: cppvalues
# sources: cppvalues.cpp
# mode: ex
break geo::Square::area
run
print side_
print side_ * 2
print sides_
print count
print nosuch
