// <recipe>augmented</recipe> starts from the augmented recipe; <epochs> set in the POM overrides
// its 45, and what was not set (augmentation, rate, decay) is the recipe's. The run report records
// the resolved recipe.
import groovy.json.JsonSlurper

def runs = new File(basedir, 'target/lenet5/runs').listFiles()
assert runs.size() == 1
def config = new JsonSlurper().parse(new File(runs[0], 'report/report.json')).config
assert config.augment == true
assert config.epochs == 1
assert config.limitTrain == 640
assert Math.abs(config.learningRate - 0.002) < 1e-7
assert Math.abs(config.learningRateDecay - 0.9) < 1e-7
assert new File(basedir, 'target/lenet5/models/1/saved_model.pb').isFile()
true
