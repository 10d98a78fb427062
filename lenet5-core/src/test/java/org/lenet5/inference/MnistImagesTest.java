package org.lenet5.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lenet5.TestData;
import org.lenet5.images.MnistImages;
import org.lenet5.images.NoDigitException;

class MnistImagesTest {

  private final byte[] firstTestDigit =
      Arrays.copyOf(TestData.mnist().test().images().pixels(), 784);

  @Test
  void takesAnMnistSizedLightOnDarkImageAsItIs() {
    assertThat(MnistImages.fromImage(gray(firstTestDigit, false))).containsExactly(firstTestDigit);
  }

  @Test
  void invertsAnMnistSizedDarkOnLightImage() {
    assertThat(MnistImages.fromImage(gray(firstTestDigit, true))).containsExactly(firstTestDigit);
  }

  @Test
  void fitsALargeDigitIntoTwentyPixelsCenteredByMass() {
    byte[] image = MnistImages.fromImage(Lenet5ModelTest.onPaper(firstTestDigit, 4));

    int left = 28;
    int right = -1;
    int top = 28;
    int bottom = -1;
    double mass = 0;
    double sumX = 0;
    double sumY = 0;
    for (int y = 0; y < 28; y++) {
      for (int x = 0; x < 28; x++) {
        int v = image[y * 28 + x] & 0xff;
        if (v >= 32) {
          left = Math.min(left, x);
          right = Math.max(right, x);
          top = Math.min(top, y);
          bottom = Math.max(bottom, y);
        }
        mass += v;
        sumX += x * v;
        sumY += y * v;
      }
    }
    assertThat(Math.max(right - left + 1, bottom - top + 1)).isBetween(18, 20);
    assertThat(sumX / mass).isBetween(12.5, 14.5);
    assertThat(sumY / mass).isBetween(12.5, 14.5);
  }

  @Test
  void aBlankPictureHasNoDigit() {
    BufferedImage blank = new BufferedImage(50, 40, BufferedImage.TYPE_INT_RGB);
    assertThatThrownBy(() -> MnistImages.fromImage(blank))
        .isInstanceOf(NoDigitException.class)
        .hasMessage("no digit found: the image is uniform");
  }

  @ParameterizedTest(name = "{0} pixels, noise {1}")
  @CsvSource({"50, 2", "50, 8", "200, 4", "800, 2", "800, 8"})
  void blankPaperUnderAShadowHasNoDigitButTheSameWithADigitHasOne(int size, double noise) {
    assertThatThrownBy(() -> MnistImages.fromImage(shadowedPaper(size, noise, null)))
        .isInstanceOf(NoDigitException.class)
        .hasMessageStartingWith("no digit found: nothing stands out from the background");

    byte[] digit = MnistImages.fromImage(shadowedPaper(size, noise, firstTestDigit));
    int ink = 0;
    for (byte v : digit) {
      ink += (v & 0xff) >= 128 ? 1 : 0;
    }
    assertThat(ink).as("strong pixels of the 7").isBetween(40, 200);
  }

  /**
   * A photo of paper lit from the top left, a shadow across its lower right and a vignette, with
   * Gaussian sensor noise; with the digit written on it, 60 % of the picture tall, if given.
   */
  private static BufferedImage shadowedPaper(int size, double noise, byte[] digit) {
    Random random = new Random(size);
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    double scale = 0.6 * size / 28;
    double margin = 0.2 * size;
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        double diagonal = (x + y) / (2.0 * size);
        double shadow = 1 / (1 + Math.exp(-(diagonal - 0.6) * 12));
        double dx = (x - size / 2.0) / size;
        double dy = (y - size / 2.0) / size;
        double light = 235 * (1 - 0.6 * (dx * dx + dy * dy)) * (1 - 0.6 * shadow);
        if (digit != null) {
          int sx = (int) ((x - margin) / scale);
          int sy = (int) ((y - margin) / scale);
          if (x >= margin && y >= margin && sx < 28 && sy < 28) {
            light *= 1 - 0.8 * (digit[sy * 28 + sx] & 0xff) / 255.0;
          }
        }
        double level = light + noise * random.nextGaussian();
        int grey = (int) Math.max(0, Math.min(255, Math.round(level)));
        image.setRGB(x, y, grey << 16 | grey << 8 | grey);
      }
    }
    return image;
  }

  private static BufferedImage gray(byte[] pixels, boolean invert) {
    BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
    for (int i = 0; i < 784; i++) {
      int v = pixels[i] & 0xff;
      image.getRaster().setSample(i % 28, i / 28, 0, invert ? 255 - v : v);
    }
    return image;
  }
}
