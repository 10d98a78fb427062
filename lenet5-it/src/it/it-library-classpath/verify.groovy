// A library user's runtime class path holds TensorFlow Java, SLF4J's API and what lenet5-core
// needs to train, report and export; no test, PDF/SVG-export or command-line-only libraries.
def jars = new File(basedir, 'target/classpath.txt').text.trim().split(File.pathSeparator)
    .collect { new File(it) }
def names = jars.collect { it.name }

def forbidden = [
    'junit', 'opentest4j', 'apiguardian', 'assertj', 'byte-buddy', // test libraries
    'pdfbox', 'fontbox', 'graphics2d', 'VectorGraphics2D', 'animated-gif-lib',
    'commons-logging', // XChart's PDF, SVG/EPS and GIF exporters
    'picocli', 'progressbar', 'jline', 'slf4j-simple', 'logback' // the command line's own
]
def offending = names.findAll { name -> forbidden.any { name.contains(it) } }
assert offending.isEmpty() : "not for a library's class path: ${offending}"

['tensorflow-core-api-', 'tensorflow-core-native-', 'slf4j-api-',
 'xchart-', 'jackson-jr-objects-', 'commons-compress-'].each { prefix ->
  assert names.any { it.startsWith(prefix) } : "missing ${prefix}*.jar in ${names}"
}
assert names.any { it ==~ /tensorflow-core-native-[0-9.]+-linux-x86_64\.jar/ } :
    "no linux-x86_64 TensorFlow native in ${names}"

def mb = { files -> String.format(Locale.ROOT, '%.1f', files.sum(0L) { it.length() } / 1e6) }
def natives = jars.findAll { it.name ==~ /tensorflow-core-native-.*-[a-z]+-[a-z0-9_]+(-gpu)?\.jar/ }
println "lenet5-core's runtime class path: ${jars.size()} jars, ${mb(jars)} MB, of which " +
    "${mb(natives)} MB TensorFlow's native build and ${mb(jars - natives)} MB in ${jars.size() - natives.size()} Java jars"
names.sort().each { println "  ${it}" }

// README.md ("Library") states this count, with the sizes printed above; keep the two in step.
def stated = 23
assert jars.size() == stated :
    "README.md says a library user's runtime class path has ${stated} jars; it has ${jars.size()}: ${names.sort()}"
true
