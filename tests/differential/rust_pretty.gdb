# program: rslayouts
# sources: rslayouts.rs
# oracle: rust-gdb
# mode: ex
set print pretty on
break rslayouts::mirror
break rslayouts::consume
run
info args
finish
continue
info args
bt
print line
print maybe
print points
print first
up
info locals
print bag
print moved
print drawn
print idle
print by_name
print nested
print many
print bag.corners
print bag.unit
print bag.maybe
print bag.shared
print *bag.shared
print line.tag
print/x line.from
output line.tag
display nested
set print elements 2
print bag
print by_name
print points
set print elements 1
print by_name
print bag.shared
print many
set print pretty off
print bag.shared
print by_name
print bag
set print elements 200
print bag
print/r bag.unit
frame 0
display line.tag
display/x first
set print pretty on
next
undisplay
