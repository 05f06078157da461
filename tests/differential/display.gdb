# program: basics
# mode: ex
info display
display counter
display total
display/x counter
break scale
run
display value
display/x value * 16
display/i $pc
display/2i $pc
display/s greeting
display nosuch
info display
stepi
next
finish
undisplay 2
undisplay 9
info display
disable display 1
info display
continue
display
delete display 3
undisplay 4-5
enable display 1
display *(int*)0
info display
next
undisplay
info display
continue
