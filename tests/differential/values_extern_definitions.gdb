# program: c_extern_definitions
# sources: lto_main.c lto_parts.c
break weigh
run
print origin
whatis origin
ptype origin
print &origin
print origin.b - origin.a
up
print origin
info locals
continue
