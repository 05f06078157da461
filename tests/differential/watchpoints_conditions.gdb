# program: basics
# mode: ex
break scale
run
watch counter if counter >= 2
continue
info breakpoints
delete 1
disable 2
continue
