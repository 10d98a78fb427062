package org.lenet5.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.lenet5.DirectoryTrees;
import org.lenet5.train.EpochResult;
import org.lenet5.train.Recipe;
import org.lenet5.train.RunSettings;
import org.lenet5.train.Trainer;
import org.lenet5.train.TrainingListener;
import org.lenet5.train.TrainingResult;

/**
 * Trains one recipe once per seed and reports what each seed reached: the honest spread of a
 * recipe's accuracy, which a single seed's figure hides and which every documented gate must
 * allow for. Training is deterministic, so each row is what that seed always gives on this
 * machine.
 */
public final class SeedSweep {

  /**
   * What one seed reached.
   *
   * @param seed the seed
   * @param finalAccuracy test accuracy after the last epoch, 0-1
   * @param bestAccuracy the best test accuracy after any epoch, 0-1
   * @param bestEpoch the first epoch that reached {@code bestAccuracy}, 1-based
   * @param medianEpochSeconds the median training time of an epoch
   */
  public record Row(
      long seed,
      double finalAccuracy,
      double bestAccuracy,
      int bestEpoch,
      double medianEpochSeconds) {}

  private final Recipe recipe;
  private final RunSettings settings;
  private final List<Long> seeds;

  /**
   * @param recipe the recipe to train (its seed is replaced)
   * @param settings where the data is (its outputs and per-epoch evaluation are replaced)
   * @param seeds the seeds to train it with, in order
   */
  public SeedSweep(Recipe recipe, RunSettings settings, List<Long> seeds) {
    this.recipe = recipe;
    this.settings = settings;
    this.seeds = List.copyOf(seeds);
  }

  /**
   * Trains every seed in turn; {@code onRow} sees each row as it is measured, {@code progress}
   * each run's training.
   */
  public List<Row> run(TrainingListener progress, Consumer<Row> onRow) throws IOException {
    List<Row> rows = new ArrayList<>();
    Path work = Files.createTempDirectory("lenet5-seeds");
    try {
      for (long seed : seeds) {
        Path runDir = work.resolve("seed-" + seed);
        RunSettings run =
            settings.toBuilder()
                .evaluateEachEpoch(true)
                .checkpointEvery(0)
                .outputDir(runDir)
                .exportDir(null)
                .build();
        TrainingResult result =
            new Trainer(recipe.toBuilder().seed(seed).build(), run).addListener(progress).train();
        Row row = row(seed, result);
        rows.add(row);
        onRow.accept(row);
        DirectoryTrees.delete(runDir);
      }
    } finally {
      DirectoryTrees.delete(work);
    }
    return rows;
  }

  private static Row row(long seed, TrainingResult result) {
    double best = -1;
    int bestEpoch = 0;
    for (EpochResult epoch : result.epochs()) {
      double accuracy = epoch.testAccuracy().orElse(-1);
      if (accuracy > best) {
        best = accuracy;
        bestEpoch = epoch.epoch();
      }
    }
    double[] seconds = result.epochs().stream().mapToDouble(EpochResult::seconds).sorted().toArray();
    return new Row(seed, result.testAccuracy(), best, bestEpoch, seconds[seconds.length / 2]);
  }
}
