# program: basics
break add
run
up
finish
bt
up
info frame
down
until 31
advance tick
finish
