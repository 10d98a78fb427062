// What `mvn install` of lenet5-maven-plugin writes (maven-plugin-plugin's group metadata, which
// maps the prefix lenet5 to the artifact); invoker:install copies the artifacts only.
def metadata = new File(localRepositoryPath, 'org/lenet5/maven-metadata-local.xml')
metadata.parentFile.mkdirs()
metadata.text = """<?xml version="1.0" encoding="UTF-8"?>
<metadata>
  <plugins>
    <plugin>
      <name>lenet5-maven-plugin</name>
      <prefix>lenet5</prefix>
      <artifactId>lenet5-maven-plugin</artifactId>
    </plugin>
  </plugins>
</metadata>
"""
true
