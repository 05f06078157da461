# program: basics
x/4xw &limits
x/4dw &limits
x/2xg &limits
x/8xb &limits
x/3uh &limits
break scale
run
x/4xw &limits
x/4dw &limits
x/8xb &limits
x
x/2xg $sp
x/3i $pc
x/s 0x555555556020
x/2c 0x555555556020
x/2a $sp
x/2o &limits
x/2t &limits
x/2f &limits
x/4zw &limits
x/3xw 0
