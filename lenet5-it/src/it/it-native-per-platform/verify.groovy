// Each platform TF Java 1.1.0 ships gets its own native build and no other; Intel macOS gets none
// (lenet5-core then says at run time which platforms are supported).
def natives = { platform ->
  def tree = new File(basedir, "target/${platform}.txt").text
  (tree =~ /org\.tensorflow:tensorflow-core-native:jar:([a-z0-9_-]+):[0-9.]+:(compile|runtime)/)
      .collect { it[1] }
}
['linux-x86_64', 'linux-arm64', 'macosx-arm64', 'windows-x86_64'].each { platform ->
  assert natives(platform) == [platform] : "${platform} resolves ${natives(platform)}"
  println "${platform}: tensorflow-core-native:${platform}"
}
assert natives('macosx-x86_64') == [] : "Intel macOS resolves ${natives('macosx-x86_64')}"
assert new File(basedir, 'target/macosx-x86_64.txt').text.contains('tensorflow-core-native:jar:')
println 'macosx-x86_64: no native build (none is published)'
true
