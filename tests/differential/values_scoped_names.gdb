# program: values
# mode: ex
print bump::calls
break walk
run
print bump::calls
print main::local
print main::pt
print main::pt.x + 1
print walk::total
print walk::nosuch
print nosuchfn::x
print 'values.c'::file_static
whatis main::local
up
print walk::total
print main::local
set var main::local = 77
print main::local
print 'values.c'::file_static
print 'values.c'::nosuch
print 'nofile.c'::x
print 'values.c'::counting[3]
print sizeof('values.c'::long_text)
print 'A'
print 'walk'
