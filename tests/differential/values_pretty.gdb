# program: layouts
# mode: ex
show print pretty
print rec
set print pretty
show print pretty
print lone
print pairs
print same
print mixed
print none
print grid
print rec
print held.inner.hops
print rec_ptr
print *rec_ptr
print shaped
print rec.bits
print rec.hook
print/x rec.span
output rec.span
output lone.a
set print elements 2
print pairs
print rec
print mixed
set print elements 200
set print repeats 2
print pairs
print mixed
set print repeats 10
break use
break make_pair
run
info args
finish
display lone
display/x lone
display rec.counts
next
info display
continue
break layouts.c:87
continue
info args
info locals
print *r
print p
print *pp
print local_pairs
print copy.raw
bt
bt full
bt full 1
frame 1
info locals
undisplay 1
next
set print pretty off
next
print rec
show print pretty
set print pretty o
show print pretty
set print pretty of
show print pretty
set print pretty maybe
set print pretty on off
set print p on
set print pr 1
show print pr
set print pretty no
show print pretty
show print elements
show print repeats
set print elements unlimited
set print repeats unlimited
show print elements
show print repeats
show print foo
set print foo 1
