# program: stepping
break factorial
run
next
next
step
next
next
step
finish
finish
next
next
finish
