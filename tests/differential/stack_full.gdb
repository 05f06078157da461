# program: recursion
# args: 3
break deepest
run
bt full
bt full 2
bt -full -2
bt full -1
