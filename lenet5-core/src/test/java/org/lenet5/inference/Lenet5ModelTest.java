package org.lenet5.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lenet5.Lenet5Exception;
import org.lenet5.TestData;
import org.lenet5.TrainedModels;
import org.lenet5.data.LabeledImages;

class Lenet5ModelTest {

  @TempDir Path dir;

  private final Path export = TrainedModels.quick().savedModel().orElseThrow();
  private final LabeledImages test = TestData.mnist().test();

  @Test
  void loadsTheHighestVersionOfABaseDirectory() throws IOException {
    Files.createDirectories(export.getParent().resolve("not-a-version"));
    try (Lenet5Model model = Lenet5Model.load(export.getParent())) {
      assertThat(model.directory()).isEqualTo(export);
    }
  }

  @Test
  void predictsOneImageAsTheBatchDoes() {
    try (Lenet5Model model = Lenet5Model.load(export)) {
      List<Prediction> batch = model.predictBytes(test.images().pixels(), 20);
      for (int i = 0; i < 20; i++) {
        Prediction single =
            model.predict(Arrays.copyOfRange(test.images().pixels(), i * 784, (i + 1) * 784));
        assertThat(single.label()).isEqualTo(batch.get(i).label());
        // oneDNN picks kernels by batch size: equal up to float rounding.
        assertThat(single.probabilities())
            .containsExactly(batch.get(i).probabilities(), within(1e-6f));
        double sum = 0;
        for (float p : single.probabilities()) {
          sum += p;
        }
        assertThat(sum).isCloseTo(1.0, within(1e-5));
        assertThat(single.confidence()).isEqualTo(single.probabilities()[single.label()]);
      }
    }
  }

  @Test
  void aDarkDigitOnLightPaperOfAnySizeGetsTheSameClass() {
    // The one-epoch model: the quick one is unsure of enough digits that a rescaled stroke flips
    // some of them (15 of 20 kept their class with it; 20 with this one).
    Path oneEpoch = TrainedModels.oneEpoch().savedModel().orElseThrow();
    try (Lenet5Model model = Lenet5Model.load(oneEpoch)) {
      int agreed = 0;
      for (int i = 0; i < 20; i++) {
        byte[] digit = Arrays.copyOfRange(test.images().pixels(), i * 784, (i + 1) * 784);
        int expected = model.predict(digit).label();
        if (model.predict(onPaper(digit, 5)).label() == expected) {
          agreed++;
        }
      }
      // Rescaling changes strokes a little; most digits must keep their class.
      assertThat(agreed).isGreaterThanOrEqualTo(17);
    }
  }

  @Test
  void refusesDirectoriesWithoutAModel() throws IOException {
    assertThatThrownBy(() -> Lenet5Model.load(dir.resolve("absent")))
        .isInstanceOf(Lenet5Exception.class)
        .hasMessageContaining("does not exist");
    assertThatThrownBy(() -> Lenet5Model.load(dir))
        .isInstanceOf(Lenet5Exception.class)
        .hasMessageContaining("holds no SavedModel");

    Path corrupt = Files.createDirectories(dir.resolve("corrupt/1"));
    Files.write(corrupt.resolve("saved_model.pb"), new byte[] {1, 2, 3, 4, 5});
    assertThatThrownBy(() -> Lenet5Model.load(dir.resolve("corrupt")))
        .isInstanceOf(Lenet5Exception.class)
        .hasMessageStartingWith("cannot load the SavedModel in " + corrupt)
        .message()
        .doesNotContain("\n");
  }

  /** The digit enlarged {@code scale} times, dark on white paper with a margin, in color. */
  static BufferedImage onPaper(byte[] digit, int scale) {
    int margin = 10 * scale;
    int size = 28 * scale + 2 * margin;
    BufferedImage paper = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        int sx = (x - margin) / scale;
        int sy = (y - margin) / scale;
        int ink = x >= margin && y >= margin && sx < 28 && sy < 28 ? digit[sy * 28 + sx] & 0xff : 0;
        int grey = 255 - ink;
        paper.setRGB(x, y, grey << 16 | grey << 8 | grey);
      }
    }
    return paper;
  }
}
