# program: rsdemo
# sources: rsdemo.rs
break rsdemo.rs:20
run
until
until
until
next
step
bt
