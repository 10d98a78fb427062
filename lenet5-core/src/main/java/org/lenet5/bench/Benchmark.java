package org.lenet5.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import org.lenet5.DirectoryTrees;
import org.lenet5.data.LabeledImages;
import org.lenet5.inference.Lenet5Model;
import org.lenet5.train.EpochResult;
import org.lenet5.train.ProcessMemory;
import org.lenet5.train.Recipe;
import org.lenet5.train.RunSettings;
import org.lenet5.train.Trainer;
import org.lenet5.train.TrainingListener;
import org.lenet5.train.TrainingResult;
import org.tensorflow.TensorFlow;

/**
 * Measures training and inference speed the way a user runs them: a real training run of {@code
 * warmupEpochs + measuredEpochs} epochs on the configured data, then the SavedModel it exported,
 * through {@link Lenet5Model}, on the 10,000 raw test images at several batch sizes, and single
 * images for latency.
 */
public final class Benchmark {

  private static final int[] INFERENCE_BATCHES = {1, 64, 1000};
  private static final int LATENCY_SAMPLES = 2000;
  private static final int TIMED_PASSES = 3;

  /** The accuracy the reference recipe is expected to reach, for the time-to-accuracy figure. */
  private static final double TARGET_ACCURACY = 0.99;

  private final Recipe recipe;
  private final RunSettings settings;
  private final int warmupEpochs;
  private final int measuredEpochs;

  /**
   * @param recipe the training recipe to measure (its epochs are replaced)
   * @param settings where the data is and the device (outputs and checkpoints are replaced)
   * @param warmupEpochs epochs run but not counted, at least 1
   * @param measuredEpochs epochs whose durations are reported, at least 1
   */
  public Benchmark(Recipe recipe, RunSettings settings, int warmupEpochs, int measuredEpochs) {
    this.recipe = recipe;
    this.settings = settings;
    this.warmupEpochs = warmupEpochs;
    this.measuredEpochs = measuredEpochs;
  }

  /** Runs the benchmark, reporting training progress to {@code progress}. */
  public BenchmarkReport run(TrainingListener progress) throws IOException {
    Path work = Files.createTempDirectory("lenet5-bench");
    try {
      Recipe measured = recipe.toBuilder().epochs(warmupEpochs + measuredEpochs).build();
      RunSettings run =
          settings.toBuilder()
              .checkpointEvery(0)
              .outputDir(work.resolve("run"))
              .exportDir(work.resolve("models"))
              .build();
      long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
      double[] firstStep = {Double.NaN};
      TrainingResult result =
          new Trainer(measured, run)
              .addListener(progress)
              .addListener(
                  new TrainingListener() {
                    @Override
                    public void onStep(int epoch, int step, float loss) {
                      if (Double.isNaN(firstStep[0])) {
                        firstStep[0] = (System.currentTimeMillis() - jvmStart) / 1000.0;
                      }
                    }
                  })
              .train();
      List<Double> epochSeconds =
          result.epochs().stream()
              .skip(warmupEpochs)
              .map(EpochResult::seconds)
              .toList();
      LabeledImages test = result.testImages();
      List<BenchmarkReport.Inference> inference = new ArrayList<>();
      double[] latencies;
      try (Lenet5Model model = Lenet5Model.load(result.savedModel().orElseThrow())) {
        for (int batch : INFERENCE_BATCHES) {
          inference.add(new BenchmarkReport.Inference(batch, throughput(model, test, batch)));
        }
        latencies = singleImageLatencies(model, test);
      }
      return new BenchmarkReport(
          result.epochs().get(0).images(),
          measured.batchSize(),
          epochSeconds,
          firstStep[0],
          result.testAccuracy(),
          secondsTo(TARGET_ACCURACY, result.epochs()),
          inference,
          percentile(latencies, 0.50),
          percentile(latencies, 0.99),
          ProcessMemory.peakResidentBytes(),
          Runtime.getRuntime().availableProcessors(),
          TensorFlow.version());
    } finally {
      DirectoryTrees.delete(work);
    }
  }

  /** Training seconds until the first epoch whose test accuracy reached {@code target}. */
  private static OptionalDouble secondsTo(double target, List<EpochResult> epochs) {
    double seconds = 0;
    for (EpochResult epoch : epochs) {
      seconds += epoch.seconds();
      if (epoch.testAccuracy().orElse(0) >= target) {
        return OptionalDouble.of(seconds);
      }
    }
    return OptionalDouble.empty();
  }

  /**
   * Images per second over the whole test set in batches: the median of three timed passes after
   * one warm-up pass (a single pass varied by ±15 % on the development machine).
   */
  private static double throughput(Lenet5Model model, LabeledImages test, int batch) {
    int pixels = 784;
    int count = batch == 1 ? 2000 : test.count() - test.count() % batch;
    List<byte[]> batches = new ArrayList<>();
    for (int start = 0; start < count; start += batch) {
      batches.add(
          Arrays.copyOfRange(test.images().pixels(), start * pixels, (start + batch) * pixels));
    }
    for (byte[] chunk : batches) {
      model.predictBytes(chunk, batch);
    }
    double[] rates = new double[TIMED_PASSES];
    for (int pass = 0; pass < rates.length; pass++) {
      long started = System.nanoTime();
      for (byte[] chunk : batches) {
        model.predictBytes(chunk, batch);
      }
      rates[pass] = count / ((System.nanoTime() - started) / 1e9);
    }
    Arrays.sort(rates);
    return rates[rates.length / 2];
  }

  private static double[] singleImageLatencies(Lenet5Model model, LabeledImages test) {
    double[] millis = new double[LATENCY_SAMPLES];
    for (int i = 0; i < LATENCY_SAMPLES; i++) {
      byte[] image = Arrays.copyOfRange(test.images().pixels(), i * 784, (i + 1) * 784);
      long started = System.nanoTime();
      model.predict(image);
      millis[i] = (System.nanoTime() - started) / 1e6;
    }
    Arrays.sort(millis);
    return millis;
  }

  private static double percentile(double[] sorted, double fraction) {
    return sorted[Math.min(sorted.length - 1, (int) Math.floor(fraction * sorted.length))];
  }
}
