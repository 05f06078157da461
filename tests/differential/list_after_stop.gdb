# program: listing_long
list
break sum_range
run
list
list
list -
info line
info source
continue
list -
list
stepi
list
info line
break report
continue
list 60
info line
up
list
info line
info line 50
down
list -
continue
list
list
list
