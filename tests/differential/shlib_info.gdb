# program: shlib_main
# info sharedlibrary before the program runs, at its first instruction (the dynamic linker alone),
# once its libraries are loaded, with a name filter, and after it exits.
info sharedlibrary
info shared ld-linux
starti
info sharedlibrary
break lib_add
continue
info sharedlibrary
info shared libshlib
info shared nosuch
delete
continue
info sharedlibrary
