# program: recursion
# args: 3
# mode: ex
break deepest
run
frame address 0x1234
frame address
frame address $sp
frame address $sp+16
frame address $sp+0x40
info frame
frame address $rsp+0x70
up
frame address $rsp+0x70
