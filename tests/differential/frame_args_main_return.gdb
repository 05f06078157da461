# program: libc_calls
break 12
run
next
next
bt
info frame
frame 1
