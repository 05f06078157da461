# program: float_args
# sources: float_args.c -O2
break scale
break mix
run
bt
info args
print x
print f * 2
up
info args
print y
finish
continue
bt
info args
print b
finish
