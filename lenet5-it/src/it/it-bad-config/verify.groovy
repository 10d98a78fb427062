// Misconfiguration fails fast with the parameter's name and how to fix it, before any training.
def log = new File(basedir, 'build.log').text
assert log.contains('Invalid <epochs> (lenet5.epochs): must be between 1 and 10000, got 0')
// One message, in Maven's terms: not followed by the core's own wording of it.
assert !log.contains('got 0: epochs must be')
assert log.contains("-Dlenet5.dataset: 'cifar10' is neither a built-in dataset (mnist, fashion-mnist) nor an existing directory; name a dataset, or a folder holding one sub-folder of images per class")
assert log.contains("Invalid <recipe> (lenet5.recipe): must be one of reference, augmented, got 'fast'")
assert !log.contains('Trainable parameters')
assert !new File(basedir, 'target/lenet5/runs').exists()
