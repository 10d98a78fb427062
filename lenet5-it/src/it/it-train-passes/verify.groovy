// Training a real model on 6,400 real MNIST images must print the reference's lines and
// leave a restorable checkpoint under target/lenet5.
def log = new File(basedir, 'build.log').text
assert log.contains('Trainable parameters: 61,750')
assert log =~ /Epoch \[1\/1\], Step \[50\/100\], Loss: \d+\.\d{4}/
def accuracy = (log =~ /Accuracy of the network on the 10000 test images: (\d+\.\d+) %/)
assert accuracy.find()
assert Double.parseDouble(accuracy.group(1)) > 85.0
assert new File(basedir, 'target/lenet5/checkpoint/model.index').isFile()
