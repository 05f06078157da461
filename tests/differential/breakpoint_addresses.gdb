# program: basics
# mode: ex
break add
break *add
break *add+4
run
x/16xb add
info breakpoints
continue
kill
delete
break *0x1149
run
