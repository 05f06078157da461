# program: stepping
break main
run
next
next
next
next
next
until
until
step
step
step
step
finish
