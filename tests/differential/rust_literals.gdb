# program: rsvalues
# sources: rsvalues.rs
# oracle: rust-gdb
# mode: ex
break rsvalues::main
run
print 1 == 1
print !true
print true && false
whatis 1
whatis 1.5
whatis true
print 7 / 2
whatis 1 + 2
print 1 < 2
whatis 1 < 2
print 255u8
whatis 2u64
print 1 as u8
whatis 1i64 + 1
print !5
print -1i8
print 0x10
whatis 300 as u8
print 300 as u8
print 1u8 + 1
whatis 1u8 + 1
print 2 * 3 - 1
print 7 % 3
print 1 << 4
whatis 1 << 4
print -5 / 2
print 10 as u8 + 250u8
print 1.5 + 1
whatis 1.5 + 1
print 3 > 2 && 1 < 0
print !false
print 0x7fffffff + 1
whatis 4294967296
print 5 == 5u8
