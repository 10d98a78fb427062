// <device>gpu</device> on a machine without a GPU (and with the CPU build) fails before training,
// saying what to install; -Dlenet5.device=auto trains on the CPU.
def log = new File(basedir, 'build.log').text
assert log.contains("the device gpu needs TensorFlow's GPU build, and this is the CPU build")
assert log.contains('CUDA 12')
// in the plugin's terms, not the command line's
assert log.contains('or set <device> (lenet5.device) to auto or cpu')
assert !log.contains('--device')
assert log.contains('[INFO] Device: CPU:0 (TensorFlow sees CPU:0)')
assert new File(basedir, 'target/lenet5/models/1/saved_model.pb').isFile()
