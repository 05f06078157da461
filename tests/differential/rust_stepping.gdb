# program: rsdemo
# sources: rsdemo.rs
break rsdemo::area
run
bt
frame 1
up
down
next
next
finish
step
next
info frame
list
