// A consumer that uses only TensorFlow Java gets exactly the accuracy the training run printed.
def log = new File(basedir, 'build.log').text
def trained = (log =~ /Accuracy of the network on the 10000 test images: (\d+\.\d+) %/)
assert trained.find()
def plain = (log =~ /Plain TensorFlow Java accuracy: (\d+\.\d+) %/)
assert plain.find()
assert plain.group(1) == trained.group(1)
