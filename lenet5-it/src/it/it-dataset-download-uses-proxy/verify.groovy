def log = new File(basedir, 'build.log').text
assert log.contains('could not download mnist: no source answered with the genuine files')
assert log.contains('registry.npmjs.org')
assert !log.contains('Trainable parameters')
assert !new File(basedir, 'target/empty-cache/mnist/train-images-idx3-ubyte').exists()
