# program: basics
# mode: ex
break basics.c:16
run
watch counter
next
next
next
stepi
delete
awatch counter
continue
continue
watch total
