# program: basics
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
