# program: cppvbases
# sources: cppvbases.cpp
# mode: ex
break use
run
print x
print x.b
print x.l
print pl->b
print *pl
print pl->Base::b
up
print dm
print dm.Base::b
print dm.Left::l
print dm.Right::r
print dm.Diamond::d
print dm.Base::nope
print dm.nope
print lf
print *pr
print pr->b
print gd
print top
print top.b
print top.l
print holder
print holder.inner.b
print (Base)dm
print *(Base *)&dm
print ((Base *)&dm)->b
print (Right *)&dm
print pr
print *(Right *)&dm
print &dm.b
print &pr->b
print &pl->Base::b
print sizeof(dm)
print sizeof(Diamond)
print sizeof(top)
print sizeof(Guarded)
whatis dm.b
whatis dm
set var dm.b = 11
print dm
print dm.b + pr->b
ptype Diamond
ptype Left
ptype Base
ptype Guarded
ptype Top
ptype Holder
ptype pl
whatis pr
ptype struct Right
print lf.Base::b
print (Left *)pr
print (Base *)pl
print *(Base *)pl
