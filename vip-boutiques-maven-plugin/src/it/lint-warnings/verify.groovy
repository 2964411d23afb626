// Lint on (the default): a valid descriptor's portability warnings are printed, one
// [WARNING] file:line: line each, and kept in the report; the build still succeeds.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log.contains('[WARNING] src/main/boutiques/greeter.json:7: [image-not-pinned] at $.container-image.image: container image "busybox" has no tag or digest')
assert log.contains('[WARNING] src/main/boutiques/greeter.json:9: [input-without-description] at $.inputs[0]: input "word" has no description')
assert log.contains('[WARNING] src/main/boutiques/greeter.json:1: [no-tests] at $: the descriptor has no tests')
assert !log.contains('[WARNING] src/main/boutiques/clean.json')
assert log.contains('Boutiques files: 2, valid: 2, invalid: 0, lint warnings: 3')

def report = new groovy.xml.XmlSlurper().parse(new File(basedir, 'target/boutiques-reports/TEST-boutiques-validate.xml'))
assert report.@tests == '2' && report.@failures == '0' && report.@errors == '0'
def greeter = report.testcase.find { it.@classname == 'src/main/boutiques/greeter.json' }
assert greeter.failure.size() == 0
assert greeter.'system-out'.text().readLines().size() == 3
assert greeter.'system-out'.text().contains('greeter.json:7: [image-not-pinned]')
assert report.testcase.find { it.@classname == 'src/main/boutiques/clean.json' }.'system-out'.size() == 0
true
