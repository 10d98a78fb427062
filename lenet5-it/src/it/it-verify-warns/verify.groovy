// haltOnFailure=false: the same shortfall only warns.
def log = new File(basedir, 'build.log').text
assert log =~ /\[WARNING\] LeNet5 test accuracy \d+\.\d\d % is below the required 99\.50 % \(<minAccuracy>\); not failing the build because <haltOnFailure> is false/
assert log.contains('BUILD SUCCESS')
