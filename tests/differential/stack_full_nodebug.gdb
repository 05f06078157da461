# program: steps_nodebug
break main
run
step
stepi 4
bt full
