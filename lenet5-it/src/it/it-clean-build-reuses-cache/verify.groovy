def log = new File(basedir, 'build.log').text
def builds = log.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert builds.size() == 4
assert builds[0].contains('Trainable parameters')
def entries = new File(basedir, 'model-cache').listFiles().findAll { !it.name.startsWith('.') }
assert entries.size() == 1 && entries[0].name ==~ /[0-9a-f]{64}/
def entry = entries[0]
assert !builds[1].contains('Trainable parameters')
assert builds[1] =~ /\[INFO\] LeNet5 model [0-9a-f]{12} taken from the model cache \S+ as \S+models.1; not training/
assert builds[1].contains('meets the required 10.00 %')
assert builds[3].contains("[WARNING] The cached model ${entry.path} is damaged (its files differ from manifest.sha256); removing it and training again")
assert builds[3].contains('Trainable parameters')
// Rebuilt: the entry is whole again and holds what the last build exported.
assert new File(entry, 'savedmodel/saved_model.pb').length() == new File(basedir, 'target/lenet5/models/1/saved_model.pb').length()
def accuracies = (log =~ /LeNet5 test accuracy (\d+\.\d\d) % meets/).collect { it[1] }
assert accuracies.size() == 3 && accuracies.unique().size() == 1
def times = (log =~ /\[INFO\] Total time:  (\S+ \S+)/).collect { it[1] }
println "it-clean-build-reuses-cache: build times ${times} (trains, from cache, damage, retrains)"
true
