# program: listing_two
# mode: ex
list listing_two.h:1
break 3
info breakpoints
list main
break 10
run
break 4
info breakpoints
