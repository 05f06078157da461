# program: cppvalues
# sources: cppvalues.cpp
# mode: ex
break main
run
print 1 == 1
print 1 != 1
print !0
print !5
print 1 && 0
print 1 || 0
print (1 < 2) + 1
whatis 1 < 2
whatis !0
print 2 > 1 ? 10 : 20
print/x 1 == 1
print/d 1 == 1
output 1 == 1
print sizeof(1 == 1)
print true
print !true
whatis false
