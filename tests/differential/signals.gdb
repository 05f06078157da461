# program: exits
# args: segv
run
info registers rip
continue
run usr1
continue
run trap
continue
