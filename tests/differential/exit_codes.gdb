# program: exits
# args: 3
run
run 13
run 0
run
