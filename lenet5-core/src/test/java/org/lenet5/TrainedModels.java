package org.lenet5;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.lenet5.train.Recipe;
import org.lenet5.train.RunSettings;
import org.lenet5.train.Trainer;
import org.lenet5.train.TrainingResult;

/**
 * Quickly trained models, each trained once per test JVM: {@link #quick()} (1 epoch on 3,200 real
 * images) and {@link #oneEpoch()} (1 epoch on all 60,000).
 */
public final class TrainedModels {

  private static TrainingResult quick;
  private static TrainingResult oneEpoch;

  private TrainedModels() {}

  /** A run with its checkpoint and a SavedModel exported as version 1 of its own base. */
  public static synchronized TrainingResult quick() {
    if (quick == null) {
      quick = trainInTemporaryDirectory("lenet5-quick-model", Recipe.builder().limitTrain(3200));
    }
    return quick;
  }

  /**
   * A run killed before its final checkpoint and export, in {@code run}: a copy of {@link
   * #quick()}'s epoch checkpoints only.
   */
  public static Path interruptedRun(Path run) {
    Path trained = quick().outputDir().resolve("checkpoints");
    try (Stream<Path> files = Files.walk(trained)) {
      for (Path file : files.toList()) {
        Path copy = run.resolve("checkpoints").resolve(trained.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(file, copy);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return run;
  }

  /**
   * A model that has seen every training image once (about 98 % on the test set): for tests
   * that compare how inputs are prepared, where the quick model's guesses on digits it is unsure
   * of would drown the difference.
   */
  public static synchronized TrainingResult oneEpoch() {
    if (oneEpoch == null) {
      oneEpoch = trainInTemporaryDirectory("lenet5-one-epoch-model", Recipe.builder());
    }
    return oneEpoch;
  }

  /** One epoch of {@code recipe}, its run and its export (version 1) in a new directory. */
  private static TrainingResult trainInTemporaryDirectory(String prefix, Recipe.Builder recipe) {
    try {
      Path dir = Files.createTempDirectory(prefix);
      return new Trainer(
              recipe.epochs(1).build(),
              RunSettings.builder()
                  .outputDir(dir.resolve("run"))
                  .exportDir(dir.resolve("models"))
                  .build())
          .train();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
