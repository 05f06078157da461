# program: shlib_main
# Pending breakpoints resolve when the library defining them loads; a PLT stub yields to the
# library's definition; a name in the program and a library has two locations.
break lib_step
show breakpoint pending
set breakpoint pending on
show breakpoint pending
break lib_step
tbreak shlib_lib.c:11
break nosuch_function
break lib_add
break puts
break bump
info breakpoints
run
info breakpoints
continue
delete 3 6
continue
continue
break bump
break printf
info breakpoints
set breakpoint pending off
break still_nosuch
echo not reached\n
