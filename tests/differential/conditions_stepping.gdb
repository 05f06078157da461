# program: stepping
# mode: ex
break factorial if n == 2
break stepping.c:75 if sum > 100
run
bt
print n
info breakpoints
finish
finish
condition 1 n == 99
break half
continue
next
next
next
next
condition 1 n == 1
next
next
next
next
next
next
bt
display n
display/x n * 255
finish
info display
finish
finish
info display
continue
