package org.lenet5.bench;

import java.util.List;
import java.util.OptionalDouble;

/**
 * What {@link Benchmark} measured.
 *
 * @param trainImages training images per epoch
 * @param batchSize training batch size
 * @param epochSeconds seconds of each measured epoch (after the warm-up epochs)
 * @param secondsToFirstStep from JVM start to the end of the first training step
 * @param testAccuracy test accuracy after training, 0..1
 * @param secondsTo99 training seconds (all epochs, warm-up included, evaluations not) until the
 *     first epoch after which the test accuracy was at least 99.0 %; empty if the run never got
 *     there
 * @param inference one entry per inference batch size
 * @param singleImageP50Millis median latency of one single-image prediction
 * @param singleImageP99Millis 99th percentile of the same
 * @param peakResidentBytes the process's peak resident memory
 * @param threads the cores the JVM sees
 * @param tensorflowVersion TensorFlow's version
 */
public record BenchmarkReport(
    int trainImages,
    int batchSize,
    List<Double> epochSeconds,
    double secondsToFirstStep,
    double testAccuracy,
    OptionalDouble secondsTo99,
    List<Inference> inference,
    double singleImageP50Millis,
    double singleImageP99Millis,
    long peakResidentBytes,
    int threads,
    String tensorflowVersion) {

  public BenchmarkReport {
    epochSeconds = List.copyOf(epochSeconds);
    inference = List.copyOf(inference);
  }

  /**
   * Inference throughput through the exported SavedModel at one batch size.
   *
   * @param batchSize images per call
   * @param imagesPerSecond throughput over the 10,000 test images
   */
  public record Inference(int batchSize, double imagesPerSecond) {}

  /** The median of the measured epochs' durations. */
  public double medianEpochSeconds() {
    List<Double> sorted = epochSeconds.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** Training throughput at the median epoch. */
  public double trainingImagesPerSecond() {
    return trainImages / medianEpochSeconds();
  }
}
