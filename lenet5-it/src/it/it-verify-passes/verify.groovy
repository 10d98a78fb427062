// train runs in package, verify in verify: the exported model meets the 90 % bar, and the
// message names the parameter as the POM sets it.
def log = new File(basedir, 'build.log').text
def trained = (log =~ /Accuracy of the network on the 10000 test images: (\d+\.\d+) %/)
assert trained.find()
assert log.contains("[INFO] LeNet5 test accuracy ${trained.group(1)} % meets the required 90.00 % (<minAccuracy>)")
