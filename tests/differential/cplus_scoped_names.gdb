# program: cppvalues
# sources: cppvalues.cpp
# mode: ex
break main
run
print geo::limit
print geo::Shape::count
print geo::Color::Blue
ptype geo::Square
whatis geo::limit
print geo::limit + 1
print geo::nope
