// A failing descriptor test fails the build; the passing one is counted too.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('PASS src/main/boutiques/counter.json: counts three lines')
assert log.contains('FAIL src/main/boutiques/counter.json: a wrong md5 fails: output "count" has MD5 6d7fce9fee471194aa8b5b6e47267f03, expected 00000000000000000000000000000000')
assert log.contains('Boutiques tests run: 2, Failures: 1, Errors: 0')
assert log.contains('There are Boutiques test failures')

def report = new groovy.xml.XmlSlurper().parse(new File(basedir,
    'target/boutiques-reports/TEST-boutiques-test.src_main_boutiques_counter.json.xml'))
assert report.@tests == '2' && report.@failures == '1' && report.@errors == '0'
def failing = report.testcase.find { it.@name == 'a wrong md5 fails' }
assert failing.failure.@message.text().contains('expected 00000000000000000000000000000000')
assert report.testcase.find { it.@name == 'counts three lines' }.failure.size() == 0
true
