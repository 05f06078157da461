# program: basics
break scale
run
info registers
info registers rip
info registers rax rbx eflags cs
p $rip
p/x $rsp
p $eflags
p $rax
p/x $rax
set $rax = 5
p $rax
set var $rbx = 0x1234
info registers rbx
p $eax
p $ax
p $al
p/x $rip
p $pc
p $sp
p $fp
p 1 + 2 * 3
p $1
p $$2
p $
