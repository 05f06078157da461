# program: shapes
# sources: shapes.cpp
break main
run
next
next
step
step
bt
up
down
next
step
finish
finish
until
step
step
frame
frame 1
list
