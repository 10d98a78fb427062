package org.lenet5.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lenet5.TestData;

class AugmentationTest {

  private static final int SIDE = Preprocessing.MODEL_SIZE;
  private static final Preprocessing MNIST = Preprocessing.forDataset(Dataset.MNIST);
  private static final float BACKGROUND = MNIST.normalizedLevels()[0];

  private final Augmentation augmentation = new Augmentation(MNIST);
  private final float[] digits = MNIST.apply(TestData.mnist().test().first(50)).pixels();

  @Test
  void noRotationAndNoShiftCopiesTheImage() {
    float[] target = new float[Preprocessing.MODEL_PIXELS];

    augmentation.transform(digits, 0, target, 0, 0, 0, 0);

    assertThat(target).containsExactly(Arrays.copyOf(digits, Preprocessing.MODEL_PIXELS));
  }

  @Test
  void aWholePixelShiftMovesEveryPixelAndFillsTheGapWithBackground() {
    float[] target = new float[Preprocessing.MODEL_PIXELS];

    augmentation.transform(digits, 0, target, 0, 0, 2, -1);

    for (int y = 0; y < SIDE; y++) {
      for (int x = 0; x < SIDE; x++) {
        int sourceX = x - 2;
        int sourceY = y + 1;
        float expected =
            sourceX < 0 || sourceY >= SIDE ? BACKGROUND : digits[sourceY * SIDE + sourceX];
        assertThat(target[y * SIDE + x]).as("(%d, %d)", x, y).isCloseTo(expected, within(1e-6f));
      }
    }
  }

  @Test
  void aQuarterTurnRotatesAboutTheCentre() {
    float[] target = new float[Preprocessing.MODEL_PIXELS];

    augmentation.transform(digits, 0, target, 0, 90, 0, 0);

    // Clockwise on screen: the target's pixel (x, y) comes from the source's (y, 31 - x).
    for (int y = 0; y < SIDE; y++) {
      for (int x = 0; x < SIDE; x++) {
        assertThat(target[y * SIDE + x])
            .as("(%d, %d)", x, y)
            .isCloseTo(digits[(SIDE - 1 - x) * SIDE + y], within(1e-4f));
      }
    }
  }

  @Test
  void randomDistortionsKeepTheDigitAndRepeatForTheSameSeed() {
    float[] first = new float[50 * Preprocessing.MODEL_PIXELS];
    float[] again = new float[50 * Preprocessing.MODEL_PIXELS];
    SplittableRandom random = new SplittableRandom(42);
    SplittableRandom sameSeed = new SplittableRandom(42);
    for (int i = 0; i < 50; i++) {
      int offset = i * Preprocessing.MODEL_PIXELS;
      augmentation.distort(digits, offset, first, offset, random);
      augmentation.distort(digits, offset, again, offset, sameSeed);
    }

    assertThat(again).containsExactly(first);
    assertThat(first).isNotEqualTo(digits);
    for (int i = 0; i < 50; i++) {
      // Rotations and shifts this small move ink about but neither lose nor add much of it.
      assertThat(ink(first, i)).as("image %d", i).isCloseTo(ink(digits, i), within(0.05 * ink(digits, i)));
    }
  }

  private static double ink(float[] images, int index) {
    double sum = 0;
    for (int p = 0; p < Preprocessing.MODEL_PIXELS; p++) {
      sum += images[index * Preprocessing.MODEL_PIXELS + p] - BACKGROUND;
    }
    return sum;
  }
}
