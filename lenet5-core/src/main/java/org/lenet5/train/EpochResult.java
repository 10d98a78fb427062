package org.lenet5.train;

/**
 * Figures of one finished epoch.
 *
 * @param epoch 1-based epoch number
 * @param meanLoss mean of the step losses over the epoch
 * @param seconds wall-clock time of the epoch's training steps
 * @param images the number of images trained on
 * @param residentBytes the process's resident memory at the end of the epoch (0 if unknown)
 */
public record EpochResult(
    int epoch, double meanLoss, double seconds, int images, long residentBytes) {

  /** Training throughput of the epoch. */
  public double imagesPerSecond() {
    return images / seconds;
  }
}
