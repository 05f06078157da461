# program: rsdemo
# sources: rsdemo.rs
# mode: ex
break rsdemo::area
break rsdemo.rs:20
break area
info breakpoints
run
continue
continue
finish
info breakpoints
