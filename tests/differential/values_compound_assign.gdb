# program: values
# mode: ex
break values.c:134
run
print local += 3
print local
print local -= 1
print local *= 2
print local /= 3
print local %= 3
print local <<= 4
print local >>= 1
print local |= 1
print local &= 7
print local ^= 2
set var local += 10
print local
print d += 1
print pt.x += pt.y
print arr[2] *= 2
print arr
print *ptr += 1
print 5 += 1
print $foo = 3
print $foo += 4
print ch += 1
