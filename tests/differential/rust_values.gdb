# program: rsvalues
# sources: rsvalues.rs
# oracle: rust-gdb
break rsvalues.rs:61
run
info locals
print point
print pair
print tuple
print circle
print square
print empty
print color
print some
print none
print some_box
print ok
print err
print text
print string
print vec
print empty_vec
print slice
print boxed
print rc
print arc
print map
print array
print ch
print float
print/r vec
print/r string
print/r some
print/r text
print/r circle
print vec.len
print point.x
print array[1]
print point.x as u64
print tuple.0
print pair.1
print *boxed
print boxed.x
print/x point
print -point.y
