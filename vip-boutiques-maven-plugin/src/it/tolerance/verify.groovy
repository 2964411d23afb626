// The test goal honours vip:reference (a table within a relative tolerance) and vip:stdout-matches:
// the test within tolerance passes; the one with a tighter tolerance fails with the metric, the
// one whose pattern is not in stdout fails with the pattern; so the build fails.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('PASS src/main/boutiques/losses.json: within relative tolerance 1e-6')
assert log.contains('FAIL src/main/boutiques/losses.json: not within relative tolerance 1e-9')
assert log.contains('row 2, column 2: 0.5000001 against 0.5: difference 1.000e-07 above the tolerance 5.000e-10')
assert log.contains('FAIL src/main/boutiques/losses.json: stdout does not say GPU')
assert log.contains('"on GPU"')
assert log.contains('Boutiques tests run: 3, Failures: 2, Errors: 0')

def report = new groovy.xml.XmlSlurper().parse(new File(basedir,
    'target/boutiques-reports/TEST-boutiques-test.src_main_boutiques_losses.json.xml'))
assert report.@tests == '3' && report.@failures == '2' && report.@errors == '0'
assert report.testcase.find { it.@name == 'within relative tolerance 1e-6' }.failure.size() == 0
assert report.testcase.find { it.@name == 'not within relative tolerance 1e-9' }.failure.text().contains('difference 1.000e-07')
true
