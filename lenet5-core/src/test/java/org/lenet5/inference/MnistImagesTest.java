package org.lenet5.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.lenet5.TestData;

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

  private static BufferedImage gray(byte[] pixels, boolean invert) {
    BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
    for (int i = 0; i < 784; i++) {
      int v = pixels[i] & 0xff;
      image.getRaster().setSample(i % 28, i / 28, 0, invert ? 255 - v : v);
    }
    return image;
  }
}
