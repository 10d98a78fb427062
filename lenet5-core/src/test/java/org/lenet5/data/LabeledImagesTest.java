package org.lenet5.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lenet5.Lenet5Exception;
import org.lenet5.TestData;

class LabeledImagesTest {

  @TempDir Path dir;

  private final DatasetFiles files = TestData.mnistFiles();
  private final Path testImages = files.path(Dataset.MNIST.testImages());
  private final Path testLabels = files.path(Dataset.MNIST.testLabels());
  private final Path trainLabels = files.path(Dataset.MNIST.trainLabels());

  @Test
  void pairsTheRealTestSplit() {
    LabeledImages test = LabeledImages.read(testImages, testLabels, 28, 28, 10);

    assertThat(test.count()).isEqualTo(10_000);
    assertThat(test.first(100).count()).isEqualTo(100);
    assertThat(test.first(100).images().pixels()).hasSize(100 * 784);
  }

  @Test
  void rejectsCountsThatDiffer() {
    assertThatThrownBy(() -> LabeledImages.read(testImages, trainLabels, 28, 28, 10))
        .isInstanceOf(Lenet5Exception.class)
        .hasMessageContaining("60000 labels")
        .hasMessageContaining("10000 images");
  }

  @Test
  void rejectsALabelOutsideZeroToNine() throws IOException {
    byte[] labels = IdxReader.readContent(testLabels);
    labels[8 + 42] = 10;
    Path bad = Files.write(dir.resolve("labels"), labels);

    assertThatThrownBy(() -> LabeledImages.read(testImages, bad, 28, 28, 10))
        .isInstanceOf(Lenet5Exception.class)
        .hasMessageContaining("label 10 of item 42 is outside 0..9");
  }

  @Test
  void rejectsImagesOfAnotherSize() throws IOException {
    byte[] content = IdxReader.readContent(testImages);
    // The same bytes declared as 10000 images of 14x56.
    content[11] = 14;
    content[15] = 56;
    Path bad = Files.write(dir.resolve("images"), Arrays.copyOf(content, content.length));

    assertThatThrownBy(() -> LabeledImages.read(bad, testLabels, 28, 28, 10))
        .isInstanceOf(Lenet5Exception.class)
        .hasMessageContaining("holds 14x56 images; the model takes 28x28");
  }
}
