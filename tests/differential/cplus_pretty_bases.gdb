# program: cppvbases
# sources: cppvbases.cpp
# mode: ex
set print pretty on
break use
run
print x
print *pl
info args
up
info locals
print (Base)dm
print *(Base *)&dm
print *pr
print holder.inner
bt full
