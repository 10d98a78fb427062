// Misconfiguration fails fast with the parameter's name and how to fix it, before any training.
def log = new File(basedir, 'build.log').text
def builds = log.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert builds.size() == 10
// Each build ends in one error line that says what to change: its message, without Maven's frame.
def error = { build ->
  def lines = builds[build].readLines().findAll { it.startsWith('[ERROR] Failed to execute goal') }
  assert lines.size() == 1 : builds[build]
  lines[0].replaceFirst(/^.*? on project it-bad-config: /, '').replaceFirst(/ -> \[Help 1\]$/, '')
}
assert error(0) == ('Invalid <epochs> (lenet5.epochs): must be between 1 and 10000, got 0')
// One message, in Maven's terms: not followed by the core's own wording of it.
assert !log.contains('got 0: epochs must be')
// Unknown names, named as the user set them: on the command line or in the POM.
assert error(1) == (
    "Invalid -Dlenet5.dataset: 'cifar10' is neither a built-in dataset (mnist, fashion-mnist) nor an existing"
    + " directory (${new File(basedir, 'cifar10').canonicalPath}); name a dataset, or a folder holding one"
    + " sub-folder of images per class")
assert error(2) == ("Invalid -Dlenet5.recipe: 'fast' is not a recipe; choose one of reference, augmented")
assert error(3) == (
    "Invalid -Dlenet5.variant: 'bogus' is not a model variant; choose one of reference, no-batchnorm, classic")
assert error(4) == (
    "Invalid <variant>: 'bogus' is not a model variant; choose one of reference, no-batchnorm, classic")
// A boolean that is neither true nor false is refused, not read as false.
assert error(5) == ("Invalid -Dlenet5.fork: 'maybe' is not a boolean; set it to true or false")
// Directories that cannot be written: the path in the way and what to do.
def dir = { name -> new File(basedir, name).canonicalPath }
assert error(6) == ("Cannot create the model base ${dir('not-a-directory/models')} (-Dlenet5.exportDir): "
    + "${dir('not-a-directory')} is a file, not a directory; delete it, or set -Dlenet5.exportDir to another directory")
assert error(7) == ("Cannot create the model base ${dir('broken-target/lenet5/models')} (lenet5.exportDir): "
    + "${dir('broken-target/lenet5')} is a file, not a directory; delete it (mvn clean removes it), or set "
    + "lenet5.exportDir to another directory")
assert error(8) == ("Cannot create LeNet5's working directory ${dir('broken-target/lenet5/fork')}: "
    + "${dir('broken-target/lenet5')} is a file, not a directory; delete it (mvn clean removes it)")
// The verify goal's gates are refused before anything is evaluated, as the recipe's values are.
assert error(9) == ('Invalid <minAccuracy> (lenet5.minAccuracy): must be a percentage from 0 to 100, got 101.0')
assert !log.contains('FileSystemException')
assert !log.contains('Trainable parameters')
assert !new File(basedir, 'target/lenet5/runs').exists()
assert !new File(basedir, 'target/runs').exists()
