// <lintStrict>true</lintStrict>: the same warnings fail the build, and the report has a failed
// "descriptor is portable" case for the descriptor that has them.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('[WARNING] src/main/boutiques/greeter.json:7: [image-not-pinned]')
assert log.contains('Boutiques files: 2, valid: 2, invalid: 0, lint warnings: 3')
assert log.contains('3 portability warning(s) in 1 descriptor(s) and lintStrict is set')

def report = new groovy.xml.XmlSlurper().parse(new File(basedir, 'target/boutiques-reports/TEST-boutiques-validate.xml'))
assert report.@tests == '3' && report.@failures == '1' && report.@errors == '0'
def portable = report.testcase.find { it.@classname == 'src/main/boutiques/greeter.json' && it.@name == 'descriptor is portable' }
assert portable.failure.text().contains('greeter.json:7: [image-not-pinned]')
assert report.testcase.find { it.@classname == 'src/main/boutiques/clean.json' }.failure.size() == 0
true
