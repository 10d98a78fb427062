// Both variants train (the classic one on augmented images), export and pass verify; each export
// says which variant it holds, and each run keeps its TensorBoard events and report.
def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] LeNet5, variant no-batchnorm')
assert log.contains('[INFO] LeNet5, variant classic')
assert log.contains('[INFO] Trainable parameters: 61,706')
assert log.contains('(augmented: random shifts and rotations)')
def trained = (log =~ /Accuracy of the network on the 10000 test images: (\d+\.\d+) %/)
assert trained.find()
def first = trained.group(1)
assert trained.find()
def second = trained.group(1)
assert log.contains("[INFO] LeNet5 test accuracy ${first} % meets the required 80.00 % (<minAccuracy>)")
assert log.contains("[INFO] LeNet5 test accuracy ${second} % meets the required 80.00 % (<minAccuracy>)")
['no-batchnorm', 'classic'].each { variant ->
  def description = new File(basedir, "target/models-${variant}/1/assets.extra/lenet5.properties").text
  assert description.contains("variant=${variant}")
}
def runs = new File(basedir, 'target/lenet5/runs').listFiles().sort()
assert runs.size() == 2
runs.each { run ->
  assert new File(run, 'tensorboard').listFiles().any { it.name.startsWith('events.out.tfevents.') }
  assert new File(run, 'report/report.json').text.contains('"testAccuracy"')
}
true
