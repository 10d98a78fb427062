def log = new File(basedir, 'build.log').text
assert !log.contains('No plugin found for prefix')
assert log =~ /--- lenet5-maven-plugin:[^:]+:train \(default-cli\) @ it-plugin-groups-prefix ---/
assert new File(basedir, 'target/lenet5/models/1/saved_model.pb').isFile()
// lenet5:help prints the goal's XML example one element per line, not run together.
// (indented with figure spaces, U+2007, which the help goal's plain text keeps)
assert log =~ /(?m)^ +<plugin>\s*$/
assert log =~ /(?m)^ +\u2007\u2007<groupId>org\.lenet5<\/groupId>\s*$/
assert log =~ /(?m)^ +(\u2007\u2007){4}<minAccuracy>98\.5<\/minAccuracy>\s*$/
true
