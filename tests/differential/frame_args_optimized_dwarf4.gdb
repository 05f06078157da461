# program: optimized_args-dwarf4
# sources: optimized_args.c -O2 -gdwarf-4
break leaf
break announce
break unused_arg
break sum_pair
run
bt
finish
continue
bt
next
next
next
bt
continue
bt
continue
bt
info frame
continue
bt
up
info frame
break halve
continue
next
frame
next
bt
info frame
continue
