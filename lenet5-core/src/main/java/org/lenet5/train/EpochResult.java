package org.lenet5.train;

import java.util.OptionalDouble;

/**
 * Figures of one finished epoch.
 *
 * @param epoch 1-based epoch number
 * @param meanLoss mean of the step losses over the epoch
 * @param seconds wall-clock time of the epoch's training steps
 * @param images the number of images trained on
 * @param residentBytes the process's resident memory at the end of the epoch (0 if unknown)
 * @param testAccuracy accuracy after the epoch, 0..1, if it was measured: on the validation
 *     images when the run has some, else on the test set
 * @param testLoss the mean cross-entropy of the same images, if it was measured
 */
public record EpochResult(
    int epoch,
    double meanLoss,
    double seconds,
    int images,
    long residentBytes,
    OptionalDouble testAccuracy,
    OptionalDouble testLoss) {

  /** The same figures with the accuracy and the loss measured after the epoch. */
  public EpochResult withScore(double accuracy, double loss) {
    return new EpochResult(
        epoch, meanLoss, seconds, images, residentBytes, OptionalDouble.of(accuracy),
        OptionalDouble.of(loss));
  }

  /** Training throughput of the epoch. */
  public double imagesPerSecond() {
    return images / seconds;
  }
}
