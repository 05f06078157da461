# program: steps_nodebug
break main
run
step
stepi 4
bt
step
step
info sharedlibrary nodebug
