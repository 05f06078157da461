# program: cpplayouts
# sources: cpplayouts.cpp
# mode: ex
set print pretty on
print here
print points
print empty
print tagged
print named
print Named::origin
break make_named
break visit
run
finish
continue
info args
print pin
print pin.at
print mid
print *fleet
print fleet->mids
print fleet->ships[1]
print make_mid()
print $
output pin
bt full
up
info locals
set print elements 1
print fleet
print points
set print elements 200
set print pretty off
print fleet
print pin
print tagged
print make_mid()
