def log = new File(basedir, 'build.log').text
def runs = new File(basedir, 'target/lenet5/runs').listFiles().sort()
assert runs.size() == 2 // the third invocation started a new run
def checkpoints = new File(runs[0], 'checkpoints')
assert new File(checkpoints, 'epoch-0001/state.properties').isFile()
assert new File(checkpoints, 'epoch-0002/state.properties').isFile()
assert log.contains('Resuming from ' + new File(checkpoints, 'epoch-0002').path + ': epochs 1-2 done')
def accuracies = (log =~ /Accuracy of the network on the 10000 test images: (\d+\.\d+) %/).collect { it[1] }
assert accuracies.size() == 3 && accuracies.unique().size() == 1 // same seed, same model
assert new File(basedir, 'target/lenet5/models/2/saved_model.pb').isFile()
