// mvn install puts the zipped SavedModel into the local repository like any artifact; another
// project verifies it by its coordinates and gets the accuracy its training measured.
def log = new File(basedir, 'build.log').text
def repo = new File(localRepositoryPath, 'org/lenet5/it/it-model-producer/1.0')
def zip = new File(repo, 'it-model-producer-1.0-savedmodel.zip')
assert zip.isFile()
def names = new java.util.zip.ZipFile(zip).withCloseable { z -> z.entries().collect { it.name } }
assert names.contains('saved_model.pb') && names.contains('assets.extra/lenet5.properties')
assert names.any { it.startsWith('variables/') }
def trained = (log =~ /Accuracy of the network on the 10000 test images: (\d+\.\d\d) %/)
assert trained.find()
assert log.contains("LeNet5 test accuracy ${trained.group(1)} % meets the required 10.00 % (<minAccuracy>)")
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'consumer/target/lenet5/verify/lenet5-verify-verify.json'))
assert report.model.artifact == 'org.lenet5.it:it-model-producer:1.0'
def produced = new Properties()
new File(basedir, 'producer/target/lenet5/models/1/assets.extra/lenet5.properties').withReader { produced.load(it) }
assert report.model.fingerprint == produced.getProperty('fingerprint')
true
