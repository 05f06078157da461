# program: basics
# mode: ex
list nope
list nope.c:3
list basics.c:nope
list 100
list basics.c:45
list
list ,
list 10 20
list 20,10
list 1
list -
list -
list _start
list *0
list add,nope
list nope:3
info line nope
info line 100
set listsize
set listsize nosuchvar
show listsize
list
list
list
list
list -
