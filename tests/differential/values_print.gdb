# program: values
# mode: ex
print counter
print letter
print byte
print shorty
print ushorty
print big
print ubig
print llong
print flag
print ratio
print pi
print third
print ldouble
print greeting
print buffer
print null_string
print primes
print zeros
print grid
print many
print origin
print nested
print num
print color
print bad_color
print some_flags
print odd_flags
print typed_point
print typed_long
print packed
print first
print counter_ptr
print null_ptr
print void_ptr
print const_value
print volatile_value
print repeats
print file_static
print operation
print ops
print add
print &add
print *add
print main
print RED
print GREEN
output origin
output counter
break bump
run
print counting
print long_text
print many
set print elements 4
print primes
print counting
print long_text
print greeting
set print elements 200
print *first.next
print first.next->next
print $1
print $
print $$2
print $3 + 1
