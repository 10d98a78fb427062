// The serving check fails the verify goal in one line that names the damaged file and what
// TensorFlow Serving would do; the reports show the failed check.
def log = new File(basedir, 'build.log').text
def builds = log.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert builds.size() == 3
def warmup = new File(basedir, 'target/lenet5/models/1/assets.extra/tf_serving_warmup_requests').canonicalPath
def failure = builds[2].readLines().find { it.startsWith('[ERROR] Failed to execute goal org.lenet5:lenet5-maven-plugin') }
assert failure != null
assert failure.contains(': ' + warmup + ' is not a complete TFRecord file: ')
assert failure.endsWith('; TensorFlow Serving would refuse the version, or warm it up only with the records before the damage -> [Help 1]')
assert builds[2].contains('BUILD FAILURE')
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/lenet5/verify/lenet5-verify-default-cli.json'))
assert !report.passed
assert !report.serving.passed
assert report.serving.problem.startsWith(warmup + ' is not a complete TFRecord file: ')
def junit = new groovy.xml.XmlSlurper().parse(new File(basedir, 'target/lenet5/verify/TEST-lenet5-verify-default-cli.xml'))
assert junit.@tests == '2' && junit.@failures == '1'
assert junit.testcase.collect { it.@name.text() } == ['minAccuracy', 'servingCheck']
assert junit.testcase[1].failure.@message.text().contains('is not a complete TFRecord file')
true
