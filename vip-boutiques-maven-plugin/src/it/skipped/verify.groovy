def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log.contains('Boutiques files: 1, valid: 1, invalid: 0')
assert log.contains('Boutiques tests are skipped.')
assert !new File(basedir, 'target/boutiques-tests').exists()
true
