# program: basics
# mode: ex
bt
frame
up
down
info frame
frame 1
break add
run
bt
info frame
up
info frame
down
down
frame 1
info frame
frame 2
info frame
up
frame 3
frame -1
up 5
bt 1
bt -1
bt -2
bt 0
frame
f
where
p $rip
p $pc
info registers rip rbp rsp
x/i $pc
info frame 1
frame level 1
frame function main
down 7
up 0
continue
bt
info frame
up 2
frame 2
kill
bt
info frame
