// A forked JVM without heap enough fails the build in one line naming <jvmArgs>, without a trace.
def log = new File(basedir, 'build.log').text
assert log =~ /Out of Java heap while (training|evaluating the models) in the JVM that the plugin forks \(the heap may grow to [0-9]+ MB\); give it more with <jvmArgs><jvmArg>-Xmx2g<\/jvmArg><\/jvmArgs> \(-Dlenet5.jvmArgs=-Xmx2g\); the default is -Xmx768m/
assert !log.contains('java.lang.OutOfMemoryError')
assert !log.contains('exited with code')
