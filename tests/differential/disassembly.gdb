# program: basics
disassemble add
disassemble tick
x/5i main
break scale
run
disassemble
x/4i $pc
set disassembly-flavor intel
disassemble add
x/3i $pc
set disassembly-flavor att
disassemble /r tick
