package org.lenet5.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lenet5.TestData;
import org.lenet5.images.PilBilinearResize;

class PreprocessingTest {

  private final IdxImages train = TestData.mnist().train().images();

  /** Pillow's output for the same images, written by docs/tools/pil_reference.py. */
  @Test
  void resizeIsBitIdenticalToPillowBilinear() throws IOException {
    List<String> lines = pillowReference();
    assertThat(lines).hasSize(5);
    PilBilinearResize resize = new PilBilinearResize(28, 28, 32, 32);
    int[] resized = new int[32 * 32];
    for (String line : lines) {
      int[] values = Arrays.stream(line.split(" ")).mapToInt(Integer::parseInt).toArray();
      int index = values[0];
      resize.resize(train.pixels(), index * 784, resized);

      assertThat(resized).as("image %d", index).containsExactly(Arrays.copyOfRange(values, 1, 1025));
    }
  }

  @Test
  void scalesAndNormalizesEveryResizedPixelWithTheTrainingSetStatistics() {
    LabeledImages first = TestData.mnist().train().first(3);
    ModelInput input = Preprocessing.forDataset(Dataset.MNIST).apply(first);
    int[] resized = new int[32 * 32];
    PilBilinearResize resize = new PilBilinearResize(28, 28, 32, 32);

    float[] pixels = input.pixels();
    assertThat(pixels).hasSize(3 * 1024);
    for (int image = 0; image < 3; image++) {
      resize.resize(first.images().pixels(), image * 784, resized);
      for (int p = 0; p < 1024; p++) {
        double expected = (resized[p] / 255.0 - 0.1307) / 0.3081;
        assertThat((double) pixels[image * 1024 + p]).isCloseTo(expected, within(1e-6));
      }
    }
    // Background is 0: (0 - 0.1307) / 0.3081.
    assertThat(pixels[0]).isCloseTo(-0.42421296f, within(1e-6f));
    assertThat(input.labels()).containsExactly(5, 0, 4);
  }

  private static List<String> pillowReference() throws IOException {
    try (InputStream in =
        PreprocessingTest.class.getResourceAsStream("pil-bilinear-32x32.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII)
          .lines()
          .filter(line -> !line.startsWith("#"))
          .toList();
    }
  }
}
