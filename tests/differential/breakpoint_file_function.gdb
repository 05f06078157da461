# program: multi
# sources: symbols_multi_a.c symbols_multi_b.c
# mode: ex
break helper
break symbols_multi_b.c:helper
info breakpoints
run
break nosuch.c:helper
break symbols_multi_a.c:nosuch
continue
