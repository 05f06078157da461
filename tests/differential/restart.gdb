# program: basics
break scale
run
run
info breakpoints
kill
info registers rip
