# program: sighandler
# mode: ex
break on_usr1
run
bt full
continue
bt full
