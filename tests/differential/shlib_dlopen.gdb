# program: dlopen_main
# Breakpoints in a library loaded with dlopen resolve when it loads, go back to pending when it is
# unloaded (with gdb's warning), and come back with the next load.
set breakpoint pending on
break plugin_square
break dlopen_plugin.c:7
tbreak dlopen_main.c:33
info breakpoints
run
info breakpoints
info sharedlibrary
continue
continue
info breakpoints
continue
continue
continue
info breakpoints
