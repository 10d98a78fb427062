package org.lenet5.model;

import java.util.Locale;

/**
 * How many test images a model classified correctly.
 *
 * @param correct images classified correctly
 * @param total images evaluated
 * @param predictions the predicted class of every image, in order
 */
public record Evaluation(int correct, int total, int[] predictions) {

  /** Accuracy as a fraction, 0..1. */
  public double accuracy() {
    return total == 0 ? 0 : (double) correct / total;
  }

  /** The reference's line, e.g. {@code Accuracy of the network on the 10000 test images: 99.01 %}. */
  public String accuracyLine() {
    return String.format(
        Locale.ROOT,
        "Accuracy of the network on the %d test images: %.2f %%",
        total,
        100.0 * accuracy());
  }
}
