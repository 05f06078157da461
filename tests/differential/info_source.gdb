# program: listing_two
# mode: ex
info source
info line 4
info source
list twice
info source
list listing_two.c:1,3
info source
list thrice,
break thrice
run
info source
list
info line
info line 3
