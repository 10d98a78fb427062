package org.lenet5.train;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Properties;
import org.lenet5.data.Dataset;
import org.lenet5.model.ModelVariant;

/**
 * What a checkpoint records besides the variables: the recipe, so that a resumed run trains on
 * exactly as before, and the epochs already done.
 *
 * @param recipe the configuration's recipe values (paths and device are the resuming run's own)
 * @param epochs the finished epochs, in order
 */
record TrainingState(TrainingConfig recipe, List<EpochResult> epochs) {

  private static final int FORMAT = 1;

  TrainingState {
    epochs = List.copyOf(epochs);
  }

  int epochsDone() {
    return epochs.size();
  }

  Properties toProperties() {
    Properties p = new Properties();
    p.setProperty("format", String.valueOf(FORMAT));
    p.setProperty("dataset", recipe.dataset().id());
    p.setProperty("variant", recipe.variant().id());
    p.setProperty("augment", String.valueOf(recipe.augment()));
    p.setProperty("evaluateEachEpoch", String.valueOf(recipe.evaluateEachEpoch()));
    p.setProperty("epochs", String.valueOf(recipe.epochs()));
    p.setProperty("batchSize", String.valueOf(recipe.batchSize()));
    p.setProperty("learningRate", Float.toString(recipe.learningRate()));
    p.setProperty("learningRateDecay", Float.toString(recipe.learningRateDecay()));
    p.setProperty("beta1", Float.toString(recipe.beta1()));
    p.setProperty("beta2", Float.toString(recipe.beta2()));
    p.setProperty("epsilon", Float.toString(recipe.epsilon()));
    p.setProperty("seed", String.valueOf(recipe.seed()));
    p.setProperty("limitTrain", String.valueOf(recipe.limitTrain()));
    p.setProperty("logEvery", String.valueOf(recipe.logEvery()));
    p.setProperty("checkpointEvery", String.valueOf(recipe.checkpointEvery()));
    p.setProperty("keepCheckpoints", String.valueOf(recipe.keepCheckpoints()));
    p.setProperty("epochsDone", String.valueOf(epochs.size()));
    for (EpochResult epoch : epochs) {
      String key = "epoch." + epoch.epoch() + ".";
      p.setProperty(key + "meanLoss", Double.toString(epoch.meanLoss()));
      p.setProperty(key + "seconds", Double.toString(epoch.seconds()));
      p.setProperty(key + "images", String.valueOf(epoch.images()));
      p.setProperty(key + "residentBytes", String.valueOf(epoch.residentBytes()));
      epoch
          .testAccuracy()
          .ifPresent(accuracy -> p.setProperty(key + "testAccuracy", Double.toString(accuracy)));
    }
    return p;
  }

  /**
   * Reads a state written by {@link #toProperties()}.
   *
   * @throws IllegalArgumentException if a value is missing or malformed
   */
  static TrainingState fromProperties(Properties p) {
    if (Integer.parseInt(required(p, "format")) != FORMAT) {
      throw new IllegalArgumentException("unknown checkpoint format " + p.getProperty("format"));
    }
    TrainingConfig recipe =
        TrainingConfig.builder()
            .dataset(Dataset.fromId(required(p, "dataset")))
            // Checkpoints written before these settings existed are the reference's, without them.
            .variant(ModelVariant.fromId(p.getProperty("variant", ModelVariant.REFERENCE.id())))
            .augment(Boolean.parseBoolean(p.getProperty("augment", "false")))
            .evaluateEachEpoch(Boolean.parseBoolean(p.getProperty("evaluateEachEpoch", "false")))
            .epochs(Integer.parseInt(required(p, "epochs")))
            .batchSize(Integer.parseInt(required(p, "batchSize")))
            .learningRate(Float.parseFloat(required(p, "learningRate")))
            .learningRateDecay(Float.parseFloat(p.getProperty("learningRateDecay", "1")))
            .beta1(Float.parseFloat(required(p, "beta1")))
            .beta2(Float.parseFloat(required(p, "beta2")))
            .epsilon(Float.parseFloat(required(p, "epsilon")))
            .seed(Long.parseLong(required(p, "seed")))
            .limitTrain(Integer.parseInt(required(p, "limitTrain")))
            .logEvery(Integer.parseInt(required(p, "logEvery")))
            .checkpointEvery(Integer.parseInt(required(p, "checkpointEvery")))
            .keepCheckpoints(Integer.parseInt(required(p, "keepCheckpoints")))
            .build();
    int done = Integer.parseInt(required(p, "epochsDone"));
    List<EpochResult> epochs = new ArrayList<>();
    for (int epoch = 1; epoch <= done; epoch++) {
      String key = "epoch." + epoch + ".";
      epochs.add(
          new EpochResult(
              epoch,
              Double.parseDouble(required(p, key + "meanLoss")),
              Double.parseDouble(required(p, key + "seconds")),
              Integer.parseInt(required(p, key + "images")),
              Long.parseLong(required(p, key + "residentBytes")),
              p.containsKey(key + "testAccuracy")
                  ? OptionalDouble.of(Double.parseDouble(p.getProperty(key + "testAccuracy")))
                  : OptionalDouble.empty()));
    }
    return new TrainingState(recipe, epochs);
  }

  private static String required(Properties p, String key) {
    String value = p.getProperty(key);
    if (value == null) {
      throw new IllegalArgumentException("missing " + key);
    }
    return value;
  }
}
