def log = new File(basedir, 'build.log').text
def builds = log.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert builds.size() == 4
def accuracy = { build -> (build =~ /Accuracy of the network on the 10000 test images: (\d+\.\d\d) %/)[0][1] as double }
double good = accuracy(builds[0])
double worse = accuracy(builds[1])
assert good - worse > 1
assert builds[2].contains(String.format(Locale.ROOT,
    'LeNet5 test accuracy %.2f %% is below the required 99.50 %% (<minAccuracy>; -Dlenet5.minAccuracy=10 does not override a <configuration> value in Maven: change <minAccuracy> in the POM, or set it there as <properties><lenet5.minAccuracy>...</lenet5.minAccuracy></properties> to make it overridable)', worse))
assert builds[3].contains(String.format(Locale.ROOT,
    'LeNet5 test accuracy %.2f %% dropped %.2f points below the baseline version 1\'s %.2f %%, more than the allowed 1.00 (lenet5.maxAccuracyDrop)',
    worse, good - worse, good))
assert builds[3].contains('BUILD FAILURE')
def junit = new groovy.xml.XmlSlurper().parse(new File(basedir, 'target/lenet5/verify/TEST-lenet5-verify-default-cli.xml'))
assert junit.@tests == '3' && junit.@failures == '2'
assert junit.testcase.collect { it.@name.text() } == ['minAccuracy', 'maxAccuracyDrop', 'servingCheck']
assert junit.testcase[1].failure.@message.text().contains('dropped')
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/lenet5/verify/lenet5-verify-default-cli.json'))
assert !report.passed
assert report.baseline.version == '1' && report.model.version == '2'
true
