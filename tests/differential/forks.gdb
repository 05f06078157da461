# program: forks
break work
run
info breakpoints
continue
