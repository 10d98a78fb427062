// A version in target/ that no build recorded, or whose files differ from its manifest, is never
// called up to date nor attached: the intact model comes from the model cache as a new version.
def log = new File(basedir, 'build.log').text
def builds = log.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert builds.size() == 4
def models = new File(basedir, 'target/lenet5/models')
def attached = { build -> (builds[build] =~ /\[INFO\] Attached (\S+) as /).collect { it[1] } }
assert builds[0].contains('Trainable parameters')
assert attached(0) == [new File(models, '1').path]

assert builds[1] =~ /\[WARNING\] Version 1 in \S+ has fingerprint [0-9a-f]{12}, but no build finished it \(a build stopped while it trained leaves such an export\); not taking it as up to date/
assert builds[1] =~ /\[INFO\] LeNet5 model [0-9a-f]{12} taken from the model cache \S+ as \S+models.2; not training/
assert attached(1) == [new File(models, '2').path]

assert builds[2] =~ /\[WARNING\] Version 2 in \S+ has fingerprint [0-9a-f]{12}, but it is damaged \(variables\/variables.data-00000-of-00001 has changed since it was saved\); not taking it as up to date/
assert builds[2] =~ /taken from the model cache \S+ as \S+models.3; not training/
assert attached(2) == [new File(models, '3').path]

assert builds[3] =~ /\[INFO\] LeNet5 model up to date: version 3 in \S+ has fingerprint [0-9a-f]{12}; not training/
assert attached(3) == [new File(models, '3').path]
assert !builds[1..3].any { it.contains('Trainable parameters') }
// The versions the builds made carry the manifest their files are checked against.
assert new File(models, '3/assets.extra/manifest.sha256').text.contains('  variables/variables.index')
true
