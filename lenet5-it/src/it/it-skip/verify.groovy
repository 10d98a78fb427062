// lenet5.skip, then the goals' own skips: one line per goal says it was skipped and why;
// nothing is trained.
def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] Skipping LeNet5 training (lenet5.skip is true)')
assert log.contains('[INFO] Skipping LeNet5 verification (lenet5.skip is true)')
assert log.contains('[INFO] Skipping LeNet5 training (lenet5.train.skip is true)')
assert log.contains('[INFO] Skipping LeNet5 verification (lenet5.verify.skip is true)')
assert !log.contains('Trainable parameters')
assert !new File(basedir, 'target/lenet5').exists()
