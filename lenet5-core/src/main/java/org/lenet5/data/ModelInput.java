package org.lenet5.data;

/**
 * Preprocessed images ({@code count x 32 x 32}, normalized, row-major) and their labels: what the
 * model is fed.
 */
public record ModelInput(float[] pixels, int[] labels) {

  /** The number of images. */
  public int count() {
    return labels.length;
  }
}
