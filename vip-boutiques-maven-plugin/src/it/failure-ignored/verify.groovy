// -Dmaven.test.failure.ignore=true: the failing test is reported, the build succeeds.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log.contains('FAIL src/main/boutiques/counter.json: a wrong md5 fails')
assert log.contains('Boutiques tests run: 2, Failures: 1, Errors: 0')
def report = new groovy.xml.XmlSlurper().parse(new File(basedir,
    'target/boutiques-reports/TEST-boutiques-test.src_main_boutiques_counter.json.xml'))
assert report.@tests == '2' && report.@failures == '1'
true
