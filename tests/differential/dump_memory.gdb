# program: bigarray
# mode: ex
dump binary memory pre.bin &big[0] &big[2]
dump binary memory pre2.bin &after_big &after_big+1
break 33
run
dump binary memory blob.bin &blob[0] &blob[16777216]
dump binary memory small.bin &big[0] &big[4]
dump binary memory over.bin &blob[0] &blob[4096]
dump binary memory over.bin &big[0] &big[2]
dump binary memory /dev/null &big[0] &big[2]
dump binary value val.bin big[1]
dump binary value arr.bin big
dump binary memory e1.bin 0 16
dump binary memory e2.bin &big[4] &big[0]
dump binary memory e3.bin &big[0] &big[0]
dump binary memory
dump binary memory e4.bin
dump binary memory e5.bin &big[0]
dump binary memory /nonexistent/x.bin &big[0] &big[1]
dump binary value
dump binary value v2.bin
dump binary value v3.bin nosuch
dump memory m.bin &big[0] &big[2]
dump binary memory e6.bin 0x7ffffffff000 0x800000001000
dump binary memory e7.bin &blob[16777216-8] &blob[16777216]+0x2000000
dump binary value arr2.bin big[0]@8
dump binary value n.bin 5
dump binary value c.bin (char)5
dump binary value p.bin &big
dump binary value d.bin 1.5
dump binary value r.bin $rip
dump binary value dv.bin $nosuch
dump binary memory i1.bin &big[0] 1+&big[0]
dump binary memory e8.bin &big[0] &big[1] extra
dump binary memory e9.bin big
dump binary memory code.bin main main+4
dump binary memory e11.bin &after_big-2 &after_big+1
dump binary memory e12.bin 1.5 4.5
dump value val2.bin   big[2] + 1
dump bin mem ab.bin &big[0] &big[1]
dump frob x
dump binary frob
dump binary
