// -Pgpu swaps TensorFlow's native build for the CUDA one; the default stays the CPU build.
def classifier = { file ->
  def pom = new groovy.xml.XmlSlurper().parse(new File(basedir, file))
  pom.dependencies.dependency.find { it.artifactId.text() == 'tensorflow-core-native' }.classifier.text()
}
assert classifier('target/effective-cpu.xml') == 'linux-x86_64'
assert classifier('target/effective-gpu.xml') == 'linux-x86_64-gpu'
