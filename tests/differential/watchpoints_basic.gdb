# program: basics
# mode: ex
break main
run
watch counter
info watchpoints
continue
continue
info watchpoints
info breakpoints
rwatch total
awatch limits[1]
info watchpoints
delete 2
continue
continue
delete
continue
