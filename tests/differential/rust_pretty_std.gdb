# program: rsvalues
# sources: rsvalues.rs
# oracle: rust-gdb
# mode: ex
set print pretty on
break rsvalues.rs:61
run
info locals
print point
print pair
print tuple
print circle
print some_box
print err
print vec
print empty_vec
print slice
print rc
print arc
print map
print array
print/r vec
print/r string
print/r some
print/x point
set print elements 3
print vec
print rc
print map
print array
set print elements 2
print rc
print map
set print elements 1
print map
print rc
print vec
set print pretty off
set print elements 3
print vec
print rc
print map
set print elements 2
print rc
print map
set print elements 1
print map
print rc
