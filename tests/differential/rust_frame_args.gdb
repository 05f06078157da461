# program: rsargs
# sources: rsargs.rs
# oracle: rust-gdb
break rsargs::scalars
break rsargs::chars
break rsargs::strings
break rsargs::composites
break rsargs::shared
break rsargs::Point::shifted
run
bt 1
continue
continue
bt
info args
continue
continue
info args
continue
finish
