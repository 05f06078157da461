# program: rsdemo
# sources: rsdemo.rs
# mode: ex
break rsdemo::area
run
bt
info frame
up
info frame
up
frame 2
bt -1
