// verify leaves its result for machines: JSON with the accuracy, per class, the thresholds and
// the model's identity and the serving check, and a JUnit XML report with a test case per gate,
// the regression gate skipped since the model base holds no earlier version.
def dir = new File(basedir, 'target/lenet5/verify')
def report = new groovy.json.JsonSlurper().parse(new File(dir, 'lenet5-verify-verify.json'))
def description = new Properties()
new File(basedir, 'target/lenet5/models/1/assets.extra/lenet5.properties').withReader { description.load(it) }
assert report.passed
assert report.dataset == 'mnist'
assert report.model.version == '1'
assert report.model.fingerprint == description.getProperty('fingerprint')
assert report.model.fingerprint ==~ /[0-9a-f]{64}/
assert report.model.tensorflowVersion ==~ /\d+\.\d+\.\d+/
assert report.model.lenet5Version ==~ /\d+\.\d+\.\d+(-SNAPSHOT)?/
assert report.model.total == 10000
assert report.perClassAccuracy.size() == 10
assert report.perClassAccuracy.values().every { it >= 0 && it <= 100 }
assert report.thresholds.minAccuracy == 10 && report.thresholds.maxAccuracyDrop == 0.5
def log = new File(basedir, 'build.log').text
assert log.contains(String.format(Locale.ROOT, 'LeNet5 test accuracy %.2f %% meets the required 10.00 %% (<minAccuracy>)', report.accuracy as double))
assert log.contains('No baseline to compare against (no version before')
def junit = new groovy.xml.XmlSlurper().parse(new File(dir, 'TEST-lenet5-verify-verify.xml'))
assert report.serving.passed && report.serving.problem == null
assert report.serving.versions == [new File(basedir, 'target/lenet5/models/1').canonicalPath]
assert report.serving.warmupRecords == 10
assert log.contains('TensorFlow Serving would serve ' + new File(basedir, 'target/lenet5/models/1').canonicalPath + ' as exported (10 warmup responses as recorded)')
assert new File(basedir, 'target/lenet5/models/models.config').text.contains('base_path: "/models/models"')
assert new File(basedir, 'target/lenet5/models/batching_parameters.txt').isFile()
assert junit.@tests == '3' && junit.@failures == '0' && junit.@skipped == '1'
assert junit.testcase.collect { it.@name.text() } == ['minAccuracy', 'maxAccuracyDrop', 'servingCheck']
assert junit.testcase[1].skipped.size() == 1
true
