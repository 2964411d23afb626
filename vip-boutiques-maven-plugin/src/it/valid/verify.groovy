// Valid descriptors and invocations, passing tests: the build succeeds and both reports say so.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log.contains('Boutiques files: 4, valid: 4, invalid: 0')
assert log.contains('PASS src/main/boutiques/counter.json: counts three lines')
assert log.contains('PASS src/main/boutiques/counter.json: writes the named file')
assert log.contains('src/main/boutiques/more/echo.json: the descriptor has no tests')
assert log.contains('Boutiques tests run: 2, Failures: 0, Errors: 0')

def reports = new File(basedir, 'target/boutiques-reports')
def validate = new groovy.xml.XmlSlurper().parse(new File(reports, 'TEST-boutiques-validate.xml'))
assert validate.@tests == '4' && validate.@failures == '0' && validate.@errors == '0'
assert validate.testcase.collect { it.@classname.text() }.sort() == [
    'src/main/boutiques/counter.invocation.json', 'src/main/boutiques/counter.json',
    'src/main/boutiques/counter.named.invocation.json', 'src/main/boutiques/more/echo.json']

def test = new groovy.xml.XmlSlurper().parse(new File(reports, 'TEST-boutiques-test.src_main_boutiques_counter.json.xml'))
assert test.@tests == '2' && test.@failures == '0' && test.@errors == '0'
assert test.testcase.collect { it.@name.text() } == ['counts three lines', 'writes the named file']
// A descriptor without tests has no report of its own.
assert !new File(reports, 'TEST-boutiques-test.src_main_boutiques_more_echo.json.xml').exists()
// The jobs ran in the project's target folder.
assert new File(basedir, 'target/boutiques-tests').list().length == 2
true
