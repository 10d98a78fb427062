def log = new File(basedir, 'build.log').text
assert log =~ /library call: accuracy \d+\.\d\d %, exported target\/models\/1/
assert log.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')
