package org.lenet5.inference;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.lenet5.TestData;

/**
 * Rebuilds the committed image corpus from the real MNIST test digits. Not a test: it runs only
 * when asked (the path is relative to lenet5-core), from the repository root:
 *
 * <pre>
 * mvn -B -q -pl lenet5-core test -Dtest=ImageCorpusWriter \
 *     -Dlenet5.imageCorpus=src/test/resources/images
 * </pre>
 */
class ImageCorpusWriter {

  @Test
  @EnabledIfSystemProperty(named = "lenet5.imageCorpus", matches = ".+")
  void writeCorpus() throws IOException {
    Path root = Path.of(System.getProperty("lenet5.imageCorpus"));
    new ImageCorpus(TestData.mnist().test()).writeAll(root);
  }
}
