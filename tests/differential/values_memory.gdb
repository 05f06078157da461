# program: basics
break scale
run
x/4dw &limits
x/s greeting
p/z counter
p/x limits
output limits
echo \n
p greeting
p *greeting@5
p limits[1] + value
p &limits[2]
p sizeof(limits)
p (char)value
whatis &limits
