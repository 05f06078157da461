# program: rsdemo
# sources: rsdemo.rs
# mode: ex
break rsdemo::main
info breakpoints
run
bt
frame
