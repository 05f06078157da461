# program: libc_calls
# args: crash
run
frame
