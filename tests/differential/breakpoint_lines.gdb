# program: basics
break 30
break 24
tbreak basics.c:11
info breakpoints
run
continue
continue
continue 2
info breakpoints
