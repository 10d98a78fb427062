// A real training on 6,400 real MNIST images prints the reference's lines through Maven's log,
// saves the weights and exports SavedModel version 1; the second run exports version 2.
def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] Trainable parameters: 61,750')
assert log =~ /\[INFO\] Epoch \[1\/1\], Step \[50\/100\], Loss: \d+\.\d{4}/
def accuracy = (log =~ /Accuracy of the network on the 10000 test images: (\d+\.\d+) %/)
assert accuracy.find()
assert Double.parseDouble(accuracy.group(1)) > 85.0
def runs = new File(basedir, 'target/lenet5/runs').listFiles().sort()
assert runs.size() == 2
assert new File(runs[0], 'checkpoint/model.index').isFile()
assert new File(runs[0], 'checkpoints/epoch-0001/state.properties').isFile()
assert new File(basedir, 'target/lenet5/models/1/saved_model.pb').isFile()
assert new File(basedir, 'target/lenet5/models/2/saved_model.pb').isFile()
assert log.contains('SavedModel: ' + new File(basedir, 'target/lenet5/models/1').path)
// The run keeps TensorBoard events and prints the test accuracy after the epoch.
assert new File(runs[0], 'tensorboard').listFiles().any { it.name.startsWith('events.out.tfevents.') }
assert log =~ /\[INFO\] Epoch 1\/1: mean loss \d+\.\d{4}, test accuracy \d+\.\d{2} %/
