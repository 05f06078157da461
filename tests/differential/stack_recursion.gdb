# program: recursion
# args: 25
break deepest
run
bt
bt 3
bt -3
info frame
frame 12
info frame
up 4
info frame
frame 26
info frame
frame 27
down 30
p $pc
p $rsp
info registers rip rsp rbp
