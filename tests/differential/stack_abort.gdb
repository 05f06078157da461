# program: exits
# args: abort
run
bt
frame 1
up
info frame
down
bt -2
