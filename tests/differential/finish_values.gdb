# program: returns
break make_pair
break make_coords
break make_mixed
break make_big
break make_bytes
break precise
break favourite
break truth
break byte
break small
break ratio
break where
break name
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
p $$3
p $5.x
