# program: basics
break scale if add(value, 0) == 2
run
info args
info breakpoints
continue
