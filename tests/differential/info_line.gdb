# program: listing_long
# mode: ex
info line
info line 22
info line
info line
info line 30
info line 33
info line sum_range
info line listing_long.c:40
info line listing_long.c:square
info line *main
info line *square+4
info line 1000
info line listing_long.c:0
info line nope
info line nope.c:3
info line _start
info line *0
info line 54
x/2i
list 20
info line
break classify
run
info line
info line 40
info line classify
info line *$pc
info line square
list fill
info line
info line
