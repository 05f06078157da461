# program: dlopen_main
# The library-event breakpoint is invisible to stepping: next and nexti over dlopen and dlclose
# stop where gdb does, and a pending breakpoint resolves during the step.
set breakpoint pending on
break plugin_square
break call_plugin
run
next
info breakpoints
nexti
nexti
nexti
next
next
next
next
stepi
continue
continue
