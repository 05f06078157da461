# program: shapes
# sources: shapes.cpp
# mode: ex
break geo::Square::area
break total_area
break geo::scaled<int>
tbreak main
info breakpoints
run
continue
continue
finish
continue
bt 1
finish
info breakpoints
stepi
