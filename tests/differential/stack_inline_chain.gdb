# program: inline_chain
# sources: inline_chain.c -O2
break leaf
run
bt
info frame
up
info frame
up 2
info frame
down
frame 1
finish
bt
next
bt
continue
bt
info frame 2
frame function outer
