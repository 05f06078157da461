# program: basics-nopie
# sources: basics.c -no-pie
break add
break basics.c:31
info breakpoints
run
bt
continue
next
step
finish
info breakpoints
x/4xw &limits
