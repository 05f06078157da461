# program: basics
break tick
break basics.c:17
tbreak add
break basics.c:29
info breakpoints
disable 2
ignore 4 3
info breakpoints
run
info breakpoints
enable 2
disable 4
continue
continue
info breakpoints
delete 1 3-5
info breakpoints
break *main
info breakpoints
continue
