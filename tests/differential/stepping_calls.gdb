# program: stepping
# args: 1
break apply
run
step
step
step
finish
finish
next
next
next
next
