# program: rsdemo
# sources: rsdemo.rs
# oracle: rust-gdb
break rsdemo::area
run
bt full
