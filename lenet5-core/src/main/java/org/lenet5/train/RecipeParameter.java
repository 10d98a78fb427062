package org.lenet5.train;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The parameters a front end sets that make up the recipe — what decides the weights — named as
 * {@link TrainingConfig.Builder} names them. A resumed run keeps its own recipe, so a front end
 * compares what it was given with the run's, parameter by parameter, and names the one that
 * differs in its own terms ({@code --batch-size}, {@code <batchSize>}).
 */
public enum RecipeParameter {
  DATASET("dataset", config -> config.dataset().id()),
  VARIANT("variant", config -> config.variant().id()),
  AUGMENT("augment", TrainingConfig::augment),
  EPOCHS("epochs", TrainingConfig::epochs),
  BATCH_SIZE("batchSize", TrainingConfig::batchSize),
  LEARNING_RATE("learningRate", TrainingConfig::learningRate),
  LEARNING_RATE_DECAY("learningRateDecay", TrainingConfig::learningRateDecay),
  SEED("seed", TrainingConfig::seed),
  LIMIT_TRAIN("limitTrain", TrainingConfig::limitTrain);

  private final String id;
  private final Function<TrainingConfig, Object> value;

  RecipeParameter(String id, Function<TrainingConfig, Object> value) {
    this.id = id;
    this.value = value;
  }

  /** The builder method's name, e.g. {@code batchSize}. */
  public String id() {
    return id;
  }

  /** The parameter's value in {@code config}, as a user would write it ({@code mnist}, 64). */
  public Object valueIn(TrainingConfig config) {
    return value.apply(config);
  }

  /**
   * The first of the {@code checked} parameters whose value in {@code asked} is not the one in
   * {@code saved}.
   */
  public static Optional<RecipeParameter> firstDifference(
      TrainingConfig saved, TrainingConfig asked, Predicate<RecipeParameter> checked) {
    for (RecipeParameter parameter : values()) {
      if (checked.test(parameter) && !parameter.valueIn(saved).equals(parameter.valueIn(asked))) {
        return Optional.of(parameter);
      }
    }
    return Optional.empty();
  }
}
