# program: values
# mode: ex
print &counter
print &origin
print &nested.inner
print &primes
print &primes[1]
print *counter_ptr
print *first.next
print first.next->value
print nested.pts[1].y
print grid[1]
print grid[1][2]
print sizeof(origin)
print sizeof(struct outer)
print sizeof origin
print sizeof(int)
print sizeof(long)
print sizeof primes
print &buffer
print *primes@3
print primes[1]@2
print/x primes
print/x origin
print/x counter
print/d letter
print/c 65
print/x -1
print -5/2
print greeting[0]
print *greeting@5
print (long)counter
print (char)counter
print (struct point *)&nested
print *(struct point *)&nested.pts
print (enum color)1
print (enum color)5
print BLUE + 1
print counter == 42
print origin.x < origin.y
print counter_ptr == &counter
print *counter_ptr + 1
print nested.name
print *nested.name
print packed.mode
print packed.delta
print num.bytes[1]
print ops[1]
print operation == add
print ratio * 2
print pi > 3
print third * 3
print -ratio
print nope
print *null_ptr
print &5
print 5 = 3
print origin.nope
print counter.x
print origin + 1
print primes[1] = 4
print 1 +
break bump
run
up
print local
print &local
print arr[1] + arr[2]
print *arr@2
print ptr[1]
print ptr - arr
print ptr + 1
print *(ptr + 1)
print &arr[3] - ptr
print pp == &pt
print pp->x + pp->y
print !local
print -d
print d * 2
print d + 1
print local / 2.0
print ch + 1
print (int)d
print (char)local
print 10 > local
print local = 9
print local
set var local = 11
print local
set var pt.x = 100
print pt
set var arr[1] = 9
print arr
print *ptr
print pt = origin
set var packed.mode = 2
print packed
set var nested.inner.y = 2
print nested.inner
print counter = counter + 1
print counter
print *local
print local.x
print msg[0]
print/x arr
print/x pt
print/d ch
print/c local
print/x local
print/o local
print/t local
