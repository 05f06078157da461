# program: values
# mode: ex
watch file_static
break walk
run
watch total
continue
continue
continue
continue
info watchpoints
rwatch counting[5]
awatch pt.y
watch 5
watch local + 1
watch nosuch
continue
continue
continue
continue
