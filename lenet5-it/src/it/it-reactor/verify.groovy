// With <fork>false</fork>, two modules of one reactor both train and verify in Maven's JVM:
// TensorFlow's native library is loaded once and shared, and each module gets its own model.
def log = new File(basedir, 'build.log').text
assert (log =~ /Accuracy of the network on the 10000 test images/).count == 2
assert (log =~ /meets the required 50\.00 %/).count == 2
assert new File(basedir, 'module-a/target/lenet5/models/1/saved_model.pb').isFile()
assert new File(basedir, 'module-b/target/lenet5/models/1/saved_model.pb').isFile()
