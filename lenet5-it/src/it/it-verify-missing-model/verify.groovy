// verify without a trained model says what to do.
def log = new File(basedir, 'build.log').text
assert log.contains('No LeNet5 model at ' + new File(basedir, 'target/lenet5/models').path
    + ': run lenet5:train first, or set <model> (lenet5.model) to an exported model directory')
