// The second build holds the model of its recipe already: one line says so, nothing trains, and
// verify gates the same model; only -Dlenet5.force=true trains again. TensorFlow's native log
// stays out of the build output throughout.
def log = new File(basedir, 'build.log').text
def builds = log.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert builds.size() == 3
assert builds[0].contains('[INFO] Trainable parameters: 61,750')
assert builds[1] =~ /\[INFO\] LeNet5 model up to date: version 1 in \S+ has fingerprint [0-9a-f]{12}; not training \(-Dlenet5\.force=true trains anyway\)/
assert !builds[1].contains('Trainable parameters')
assert builds[1].contains('Evaluating ' + new File(basedir, 'target/lenet5/models/1').path)
assert builds[2].contains('[INFO] Trainable parameters: 61,750')
assert new File(basedir, 'target/lenet5/models/2/saved_model.pb').isFile()
assert !new File(basedir, 'target/lenet5/models/3').exists()
def accuracies = (log =~ /LeNet5 test accuracy (\d+\.\d\d) % meets/).collect { it[1] }
assert accuracies.size() == 3 && accuracies.unique().size() == 1 // same recipe, same model
// Deterministic training, which up-to-date checks and the cache stand on: the forced run trained
// the very same weights.
def weights = { v -> new File(basedir, "target/lenet5/models/${v}/variables/variables.data-00000-of-00001").bytes }
assert weights(1) == weights(2)
// No native log: no absl preamble, no glog-style "I0000 ... file.cc:123]" lines.
assert !log.contains('absl::InitializeLog')
assert !(log =~ /(?m)^[IWE]\d{4} [0-9:.]+ +\d+ \w+\.(cc|h):\d+\]/)
assert !log.contains('cpu_feature_guard')
def times = (log =~ /\[INFO\] Total time:  (\S+ \S+)/).collect { it[1] }
println "it-train-up-to-date: build times ${times} (train + verify, up to date + verify, forced)"
true
