# program: tailcalls-O2
# sources: tailcalls.c -O2
# args: chain
break leaf
run
bt
info frame
up
info frame
up
info frame
up
info frame
down
p $pc
p $sp
info registers rip rsp
frame 1
info frame 2
bt -2
bt 2
finish
bt
run shared
bt
info frame 1
frame 1
finish
run either
bt
info frame
run direct
bt
info frame
