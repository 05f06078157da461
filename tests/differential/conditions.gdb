# program: basics
# mode: ex
break scale if value == 3
info breakpoints
break add if nosuch > 1
break add if a +
break add if a == 2
condition 2 b == 0
info breakpoints
run
print value
print a
bt
condition 1
info breakpoints
continue
print value
condition 1 value > 3
condition 9 x
condition x
condition
condition 2 bogus == 1
condition 2
delete 2
break basics.c:31 if i >= 3
ignore 3 1
continue
print value
info breakpoints
continue
print i
info breakpoints
condition 3 total == 30
continue
print total
print i
delete 3
break tick if *(int*)0 == 1
continue
info breakpoints
