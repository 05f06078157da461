# program: loop
# args: 5
break tick
run
p $rip
p/x $rip
p/d $rsp
p/t $eflags
p/o $rsp
p/c 65
p 'A'
p 10 / 3
p -5 % 3
p 1 << 10
p 0x10 | 3
p !0
p ~0
p $rsp - 8
output 42
echo \n
p $nonexistent
set $counter = 7
p $counter * 6
