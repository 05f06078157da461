# program: libc_calls
break puts
run
bt
finish
step
bt
next
next
finish
