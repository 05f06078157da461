# program: tls_main
break lib_tls_bump
run
print lib_tls_counter
print lib_tls_name
print lib_tls_hidden
print &lib_tls_counter == &lib_tls_counter
finish
print tls_counter
print tls_ratio
print tls_tag
print calls
print lib_tls_counter
next
next
info locals
print tls_counter
print tls_ratio * 2
set var tls_counter = 99
print tls_counter
print lib_tls_counter + tls_counter
