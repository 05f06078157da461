# program: basics
list
list
list -
list -
list 10
list
list add
list 5,8
list ,20
list scale,
list basics.c:30
list basics.c:tick
list tick,main
list *main
list 25,
list +
list -
list +4
list -2
set listsize 4
show listsize
list 12
list
list -
set listsize 1
list add
list -
set listsize unlimited
show listsize
list 30,
set listsize 10
list 36
info source
