# program: dlopen_main
# The library-event breakpoint belongs to the engine: deleting every user breakpoint, or putting
# one at the same address, leaves it working.
set breakpoint pending on
break main
run
delete
break plugin_square
break _dl_debug_state
info breakpoints
continue
delete 3
continue
info breakpoints
continue
