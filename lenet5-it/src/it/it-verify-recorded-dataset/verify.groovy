// A Fashion-MNIST model is verified on Fashion-MNIST without being told: the verify execution
// names no dataset. Asked for digits with -Dlenet5.dataset=mnist, verify refuses in one line
// instead of scoring clothes as digits (about 10 %).
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new File(basedir, 'target/lenet5/verify/lenet5-verify-verify.json')
assert report.isFile()
def json = new JsonSlurper().parse(report)
assert json.dataset == 'fashion-mnist'
assert json.accuracy > 30
assert log =~ /lenet5\.dataset is mnist, but the model \S+ was trained on fashion-mnist; leave it out to verify the model on fashion-mnist/
true
