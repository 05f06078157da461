# program: stepping
break initial
break is_even
break label
break deepest
break big
break negative
break third
run
finish
continue
finish
continue
finish
continue
finish
continue
finish
continue
finish
continue
finish
p $
p $$2
