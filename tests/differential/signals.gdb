# program: exits
# args: segv
run
info registers rip
continue
run trap
continue
run 7
