def log = new File(basedir, 'build.log').text
def builds = log.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert builds.size() == 3

// The first build trains on the folder: three classes, validation each epoch, test at the end.
assert builds[0].contains('fc2       Dense 3')
assert builds[0] =~ /Training on 261 images of \S+src.main.lenet5 \(3 classes\), validating on 39/
assert builds[0] =~ /Epoch 4\/4: mean loss [0-9.]+, validation accuracy [0-9.]+ %/
assert builds[0] =~ /Accuracy of the network on the 90 test images: [0-9.]+ %/
def model = new File(basedir, 'target/lenet5/models/1')
assert new File(model, 'assets.extra/labels.txt').text == 'bag\nsneaker\ntrouser\n'
def description = new Properties()
new File(model, 'assets.extra/lenet5.properties').withReader { description.load(it) }
assert description.getProperty('classes') == '3'
assert description.getProperty('conversion') == 'plain'
assert builds[0] =~ /LeNet5 test accuracy [0-9.]+ % meets the required 80.00 %/

// New file times, same images: up to date.
assert builds[1].contains('LeNet5 model up to date: version 1 in')
assert !builds[1].contains('Trainable parameters')

// One image more: a new model.
assert builds[2].contains('Trainable parameters')
assert builds[2].contains('SavedModel: ' + new File(basedir, 'target/lenet5/models/2').path)
true
