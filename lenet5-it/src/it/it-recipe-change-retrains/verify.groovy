def log = new File(basedir, 'build.log').text
def builds = log.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert builds.size() == 3
assert builds[0].contains('Trainable parameters') && builds[1].contains('Trainable parameters')
assert builds[1].contains('SavedModel: ' + new File(basedir, 'target/lenet5/models/2').path)
assert builds[2].contains('LeNet5 model up to date: version 1 in')
assert !builds[2].contains('Trainable parameters')
assert builds[2].contains('Evaluating ' + new File(basedir, 'target/lenet5/models/1').path)
def fingerprint = { v ->
  def p = new Properties()
  new File(basedir, "target/lenet5/models/${v}/assets.extra/lenet5.properties").withReader { p.load(it) }
  p.getProperty('fingerprint')
}
assert fingerprint(1) ==~ /[0-9a-f]{64}/
assert fingerprint(1) != fingerprint(2)
true
