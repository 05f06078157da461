# program: sighandler
# mode: ex
break on_usr1
run
bt
continue
bt
info frame
up
info frame
up
info frame
up
info frame
frame 4
info frame
down 3
p $pc
frame 1
p $pc
bt -2
