# program: basics
break add
run
stepi
stepi
stepi 3
nexti
nexti
nexti
nexti
nexti
break basics.c:16
continue
nexti 3
nexti 3
stepi 4
stepi 6
nexti 20
