# program: basics-static-dwarf4
# sources: basics.c -static -gdwarf-4
break add
break scale
info breakpoints
run
continue
stepi 3
next
finish
