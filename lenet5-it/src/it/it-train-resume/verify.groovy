def log = new File(basedir, 'build.log').text
def runsDir = new File(basedir, 'target/lenet5/runs')
assert log.contains('nothing to resume: no run directory under ' + runsDir.path
    + '; start a new run without -Dlenet5.resume=true (<resume>)')
def runs = runsDir.listFiles().sort()
assert runs.size() == 2 // the fifth invocation started a new run; the refused ones none
def checkpoints = new File(runs[0], 'checkpoints')
assert new File(checkpoints, 'epoch-0001/state.properties').isFile()
assert new File(checkpoints, 'epoch-0002/state.properties').isFile()
assert log.contains('Resuming from ' + new File(checkpoints, 'epoch-0002').path + ': epochs 1-2 done')
// The run setting given with the resume applies: the export went where it said.
assert new File(basedir, 'target/resumed-models/1/saved_model.pb').isFile()
assert log.contains('The run to resume (' + runs[0].path + ') was trained with lenet5.epochs 2,'
    + ' not 3; leave lenet5.epochs out to continue it, or start a new run without'
    + ' -Dlenet5.resume=true')
def accuracies = (log =~ /Accuracy of the network on the 10000 test images: (\d+\.\d+) %/).collect { it[1] }
assert accuracies.size() == 3 && accuracies.unique().size() == 1 // same seed, same model
assert new File(basedir, 'target/lenet5/models/2/saved_model.pb').isFile()
