# program: basics
print "hello"
print sizeof("hello")
print "a\tb\n"
print "hi"[1]
whatis "hello"
output "x"
echo \n
print "unterminated
