package org.lenet5.data;

import java.util.SplittableRandom;

/** The order in which an epoch visits the training images. */
public final class Permutation {

  private Permutation() {}

  /**
   * A permutation of {@code 0..count-1} (Fisher–Yates) that depends only on {@code seed}, so that a
   * resumed run visits the images in the same order as an uninterrupted one.
   */
  public static int[] shuffled(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] order = new int[count];
    for (int i = 0; i < count; i++) {
      order[i] = i;
    }
    for (int i = count - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }
}
