// Invalid files fail the build in validate, one line per error with the file and line.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('[ERROR] src/main/boutiques/broken.json:9: InputError: "loud" must have a command-line flag')
assert log.contains('[ERROR] src/main/boutiques/syntax.json:3: not valid JSON')
assert log.contains('[ERROR] src/main/boutiques/good.bad.invocation.json:2: input "word": expected a string, got 42')
assert log.contains('Boutiques files: 4, valid: 1, invalid: 3')
assert log.contains('vip-boutiques-maven-plugin:' + projectVersion + ':validate')
// The build stopped before the tests.
assert !log.contains('vip-boutiques-maven-plugin:' + projectVersion + ':test')

def report = new groovy.xml.XmlSlurper().parse(new File(basedir, 'target/boutiques-reports/TEST-boutiques-validate.xml'))
assert report.@tests == '4' && report.@failures == '3' && report.@errors == '0'
def broken = report.testcase.find { it.@classname == 'src/main/boutiques/broken.json' }
assert broken.failure.text().contains('broken.json:9: InputError')
def good = report.testcase.find { it.@classname == 'src/main/boutiques/good.json' }
assert good.failure.size() == 0
true
