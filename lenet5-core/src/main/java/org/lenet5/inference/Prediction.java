package org.lenet5.inference;

/**
 * A model's answer for one image.
 *
 * @param label the most likely class, 0..9
 * @param name the class's name: the digit for MNIST, e.g. {@code Ankle boot} for Fashion-MNIST
 * @param probabilities the probability of each class, summing to 1
 */
public record Prediction(int label, String name, float[] probabilities) {

  /** The probability of the predicted class. */
  public float confidence() {
    return probabilities[label];
  }
}
