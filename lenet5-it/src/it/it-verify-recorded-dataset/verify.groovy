// A Fashion-MNIST model is verified on Fashion-MNIST without being told: the verify execution
// names no dataset. Asked for digits with -Dlenet5.dataset=mnist, verify refuses in one line
// instead of scoring clothes as digits (about 10 %). A baseline trained on digits is refused
// before anything is evaluated, naming the parameter as it was set.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new File(basedir, 'target/lenet5/verify/lenet5-verify-verify.json')
assert report.isFile()
def json = new JsonSlurper().parse(report)
assert json.dataset == 'fashion-mnist'
assert json.accuracy > 30
assert log =~ /lenet5\.dataset is mnist, but the model \S+ was trained on fashion-mnist; leave it out to verify the model on fashion-mnist/
def builds = log.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert builds.size() == 4
assert builds[3] =~ /The baseline \S+digits.1 \(lenet5\.baseline\) was trained on mnist, the model \S+ on fashion-mnist; set it to a model trained on fashion-mnist, or leave out lenet5\.maxAccuracyDrop/
assert !builds[3].contains('Evaluating ')
true
