// A Maven JVM killed mid-training leaves no training process behind within 10 s and no export,
// only the epoch checkpoints saved so far; the next build resumes from them, exports, records and
// caches the model; the one after finds it up to date.
def killed = new Properties()
new File(basedir, 'killed.properties').withReader { killed.load(it) }
println "it-fork-dies-with-build: the forked JVM stopped ${killed['fork.gone.after.tenths'].toInteger() / 10} s after Maven's was killed"
assert killed['fork.gone.within.10s'] == 'true'
assert killed['exports'] == '0'
assert killed['checkpoints'].toInteger() >= 1
def killedLog = new File(basedir, 'killed-build.log').text
assert killedLog.contains('Trainable parameters')
assert !killedLog.contains('BUILD')

def log = new File(basedir, 'build.log').text
def builds = log.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert builds.size() == 3 // the killed build's log is killed-build.log
assert builds[1] =~ /Resuming from \S+epoch-000\d: epochs 1-\d done/
assert new File(basedir, 'target/lenet5/models/1/saved_model.pb').isFile()
assert !new File(basedir, 'target/lenet5/models/2').exists()
def entries = new File(basedir, 'target/lenet5-model-cache').listFiles().findAll { !it.name.startsWith('.') }
assert entries.size() == 1 && new File(entries[0], 'savedmodel/saved_model.pb').isFile()
// TF_CPP_MIN_LOG_LEVEL=0 in Maven's environment lets no line of TensorFlow's native log through.
assert !builds[1].contains('cpu_feature_guard')
assert !builds[1].contains('To enable the following instructions')
assert !(builds[1] =~ /(?m)^\[WARNING\] [IWE]\d{4} /)
assert builds[2] =~ /\[INFO\] LeNet5 model up to date: version 1 in \S+ has fingerprint [0-9a-f]{12}; not training/
true
