# program: execs
# args: @basics
break main
run
info breakpoints
continue
continue
info breakpoints
