# program: c_lto
# sources: lto_main.c lto_parts.c -O2 -flto
break total
break length
break weigh
run
bt
info args
info locals
print *p
print p[1]
ptype p
whatis total
ptype length
finish
continue
bt
info args
print *list
print list->next->next->value
print *list->next
ptype list
print m
whatis m
finish
info locals
print ps
print a.next->value
continue
info args
print origin
ptype origin
print &origin
print origin.a * origin.b
finish
continue
