# program: basics
# Vector registers hold what ld.so's string routines left: environment text, whose order gdb's
# /bin/sh changes. Started without a shell, as rdbg starts programs, the environments are the same.
# gdb: set startup-with-shell off
break add
run
info all-registers
p $xmm0
p/x $xmm1
p $st0
p $mxcsr
p $k1
p $ymm0
info registers xmm0 st1 fctrl
i r rsp
