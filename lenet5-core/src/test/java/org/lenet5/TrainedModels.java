package org.lenet5;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lenet5.train.Trainer;
import org.lenet5.train.TrainingConfig;
import org.lenet5.train.TrainingResult;

/** One quickly trained model (1 epoch on 3,200 real images), trained once per test JVM. */
public final class TrainedModels {

  private static TrainingResult quick;

  private TrainedModels() {}

  /** A run with its checkpoint and a SavedModel exported as version 1 of its own base. */
  public static synchronized TrainingResult quick() {
    if (quick == null) {
      try {
        Path dir = Files.createTempDirectory("lenet5-quick-model");
        TrainingConfig config =
            TrainingConfig.builder()
                .epochs(1)
                .limitTrain(3200)
                .outputDir(dir.resolve("run"))
                .exportDir(dir.resolve("models"))
                .build();
        quick = new Trainer(config).train();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return quick;
  }
}
