// Misconfiguration fails fast with the parameter's name and how to fix it, before any training.
def log = new File(basedir, 'build.log').text
assert log.contains('Invalid <epochs> (lenet5.epochs): must be between 1 and 10000, got 0')
// One message, in Maven's terms: not followed by the core's own wording of it.
assert !log.contains('got 0: epochs must be')
assert log.contains("unknown dataset 'cifar10'; choose one of: mnist")
assert log.contains("Invalid <recipe> (lenet5.recipe): must be one of reference, augmented, got 'fast'")
assert !log.contains('Trainable parameters')
assert !new File(basedir, 'target/lenet5/runs').exists()
