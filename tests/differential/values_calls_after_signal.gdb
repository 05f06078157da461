# program: target_segv
# mode: ex
run
print getpid() > 0
print (int) getpid() > 0
bt 1
continue
