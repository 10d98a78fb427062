package org.lenet5.model;

import java.util.Locale;

/**
 * How a model classified a labelled test set.
 *
 * @param classes the number of classes the model tells apart
 * @param correct images classified correctly
 * @param total images evaluated
 * @param predictions the predicted class of every image, in order
 * @param labels the true class of every image, in order
 */
public record Evaluation(int classes, int correct, int total, int[] predictions, int[] labels) {

  /**
   * The evaluation of {@code predictions} of a model of {@code classes} classes against the true
   * {@code labels}.
   */
  public static Evaluation of(int classes, int[] predictions, int[] labels) {
    if (predictions.length != labels.length) {
      throw new IllegalArgumentException(
          predictions.length + " predictions for " + labels.length + " labels");
    }
    int correct = 0;
    for (int i = 0; i < labels.length; i++) {
      if (predictions[i] == labels[i]) {
        correct++;
      }
    }
    return new Evaluation(classes, correct, labels.length, predictions, labels);
  }

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

  /** Image counts by true class (row) and predicted class (column). */
  public int[][] confusion() {
    int[][] counts = new int[classes][classes];
    for (int i = 0; i < total; i++) {
      counts[labels[i]][predictions[i]]++;
    }
    return counts;
  }

  /**
   * The accuracy on the images of each true class, in percent; NaN for a class without images
   * (a folder of new images may hold some classes only), which reports leave out.
   */
  public double[] perClassPercent() {
    int[][] confusion = confusion();
    double[] percent = new double[confusion.length];
    for (int c = 0; c < confusion.length; c++) {
      int images = 0;
      for (int count : confusion[c]) {
        images += count;
      }
      percent[c] = images == 0 ? Double.NaN : 100.0 * confusion[c][c] / images;
    }
    return percent;
  }
}
