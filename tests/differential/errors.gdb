# program: basics
# mode: ex
info registers
x/4xw $pc
stepi
continue
kill
break nosuchfunction
p 1 +
p nosuchsymbol
frobnicate
info frobnicate
p $pc
p 1/0
x/4xw 0
run
x/3xw 0
stepi 0
x/2i 0
delete 99
ignore 99 1
disable 99
info registers nosuchreg
