# program: basics-O2
# sources: basics.c -O2
break add
break scale
break tick
info breakpoints
run
info registers rip
stepi 4
nexti 3
