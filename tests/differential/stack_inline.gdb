# program: basics-O2
# sources: basics.c -O2
break tick
run
bt
up
info frame
down
info frame
frame 1
frame 0
frame function tick
frame function main
bt 1
bt -1
finish
bt
continue
