# program: basics
break main
break add
tbreak scale
break basics.c:31
run
continue
continue
continue
info breakpoints
delete 2
continue
continue
