package org.lenet5.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.lenet5.Lenet5Exception;
import org.lenet5.TestData;
import org.lenet5.TrainedModels;
import org.lenet5.data.LabeledImages;
import org.lenet5.images.NoDigitException;
import org.lenet5.inference.ImageCorpus.Form;

/**
 * The committed corpus of real MNIST test digits in the forms people have them: each form is
 * classified within two digits of the plain 28x28 PNGs, and every blank or unreadable file gets
 * its own one-line answer.
 */
class ImageCorpusTest {

  private static final Path ROOT = ImageCorpus.SOURCE_DIR;

  private static Lenet5Model model;
  private static final Map<Form, Integer> correct = new EnumMap<>(Form.class);

  private final LabeledImages test = TestData.mnist().test();

  @BeforeAll
  static void load() {
    model = Lenet5Model.load(TrainedModels.oneEpoch().savedModel().orElseThrow());
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @ParameterizedTest
  @EnumSource(Form.class)
  void eachFormIsClassifiedNearlyAsWellAsThePlainDigits(Form form) {
    int right = correctIn(form);
    int baseline = correctIn(Form.PLAIN);
    System.out.printf("%-22s %2d of %d right (plain: %d)%n", form.directory, right,
        ImageCorpus.DIGITS, baseline);
    assertThat(right).as(form.directory).isGreaterThanOrEqualTo(baseline - 2);
  }

  private synchronized int correctIn(Form form) {
    return correct.computeIfAbsent(form, f -> {
      int right = 0;
      for (int i = 0; i < ImageCorpus.DIGITS; i++) {
        int label = test.labels()[i];
        if (model.predict(f.file(ROOT, i, label)).label() == label) {
          right++;
        }
      }
      return right;
    });
  }

  static List<String> blank() {
    return ImageCorpus.BLANK;
  }

  @ParameterizedTest
  @MethodSource("blank")
  void aPictureWithoutInkHasNoDigit(String file) {
    String reason =
        switch (file) {
          case "blank/transparent.png" -> "the image is fully transparent";
          case "blank/uniform-grey.jpg" -> "nothing stands out from the background: contrast";
          default -> "the image is uniform";
        };
    assertThatThrownBy(() -> model.predict(ROOT.resolve(file)))
        .isInstanceOf(NoDigitException.class)
        .hasMessageStartingWith("no digit found: " + reason);
  }

  static List<String> refused() {
    return ImageCorpus.REFUSED;
  }

  @ParameterizedTest
  @MethodSource("refused")
  void aFileJavaCannotOrMustNotDecodeIsRefusedInOneLine(String file) {
    assertThatThrownBy(() -> model.predict(ROOT.resolve(file)))
        .isInstanceOf(Lenet5Exception.class)
        .isNotInstanceOf(NoDigitException.class)
        .hasMessageContaining(ROOT.resolve(file).toString())
        .satisfies(e -> System.out.println(e.getMessage()))
        .message()
        .doesNotContain("\n");
  }

  @Test
  void theBaselineIsAlmostAllRight() {
    assertThat(correctIn(Form.PLAIN)).isGreaterThanOrEqualTo(18);
  }
}
