# program: rsvalues
# sources: rsvalues.rs
# oracle: rust-gdb
# mode: ex
break rsvalues.rs:61
run
print slice[0]
print slice[1]
print slice[0] + slice[1]
print text[1]
print slice[5]
