# program: stepping
break main
run
until 77
advance factorial
advance 19
until
until
advance 87
next
next
