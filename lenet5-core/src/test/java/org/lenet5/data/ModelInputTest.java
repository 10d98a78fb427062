package org.lenet5.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.lenet5.TestData;

class ModelInputTest {

  private static final int PIXELS = Preprocessing.MODEL_PIXELS;

  private final ModelInput input =
      Preprocessing.forDataset(Dataset.MNIST).apply(TestData.mnist().train().first(10));

  @Test
  void copiesAnyRunOfImagesAsThePixelsOfAllImagesHoldThem() {
    float[] all = input.pixels();
    float[] target = new float[5 + 2 * PIXELS];
    Arrays.fill(target, Float.NaN);

    input.copyImages(3, 2, target, 5);

    assertThat(Arrays.copyOf(target, 5)).containsOnly(Float.NaN);
    assertThat(Arrays.copyOfRange(target, 5, target.length))
        .containsExactly(Arrays.copyOfRange(all, 3 * PIXELS, 5 * PIXELS));
  }

  @Test
  void refusesLevelsThatDoNotMatchTheLabels() {
    assertThatThrownBy(() -> new ModelInput(new byte[PIXELS + 1], new float[256], new int[1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 labels need 1024 levels");
  }
}
