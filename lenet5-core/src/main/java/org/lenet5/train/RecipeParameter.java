package org.lenet5.train;

import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.lenet5.data.Dataset;
import org.lenet5.model.ModelVariant;

/**
 * The parameters a front end sets that make up the recipe — what decides the weights — named as
 * {@link TrainingConfig.Builder} names them. A resumed run keeps its own recipe, so a front end
 * compares what it was given with the run's, parameter by parameter, and names the one that
 * differs in its own terms ({@code --batch-size}, {@code <batchSize>}).
 */
public enum RecipeParameter {
  DATASET("dataset", config -> config.dataset().id(),
      (builder, value) -> builder.dataset(Dataset.fromId((String) value))),
  VARIANT("variant", config -> config.variant().id(),
      (builder, value) -> builder.variant(ModelVariant.fromId((String) value))),
  AUGMENT("augment", TrainingConfig::augment,
      (builder, value) -> builder.augment((Boolean) value)),
  EPOCHS("epochs", TrainingConfig::epochs,
      (builder, value) -> builder.epochs(((Number) value).intValue())),
  BATCH_SIZE("batchSize", TrainingConfig::batchSize,
      (builder, value) -> builder.batchSize(((Number) value).intValue())),
  LEARNING_RATE("learningRate", TrainingConfig::learningRate,
      (builder, value) -> builder.learningRate(((Number) value).doubleValue())),
  LEARNING_RATE_DECAY("learningRateDecay", TrainingConfig::learningRateDecay,
      (builder, value) -> builder.learningRateDecay(((Number) value).doubleValue())),
  SEED("seed", TrainingConfig::seed,
      (builder, value) -> builder.seed(((Number) value).longValue())),
  LIMIT_TRAIN("limitTrain", TrainingConfig::limitTrain,
      (builder, value) -> builder.limitTrain(((Number) value).intValue()));

  private final String id;
  private final Function<TrainingConfig, Object> value;
  private final BiConsumer<TrainingConfig.Builder, Object> setter;

  RecipeParameter(
      String id,
      Function<TrainingConfig, Object> value,
      BiConsumer<TrainingConfig.Builder, Object> setter) {
    this.id = id;
    this.value = value;
    this.setter = setter;
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
   * Sets the parameters a front end was given over {@code builder}'s values: {@code given} maps
   * each parameter to its value as the front end holds it (a name for the dataset and the
   * variant, a boxed boolean or number otherwise), or to null when it was not given.
   */
  public static TrainingConfig.Builder setGiven(
      TrainingConfig.Builder builder, Function<RecipeParameter, Object> given) {
    for (RecipeParameter parameter : values()) {
      Object value = given.apply(parameter);
      if (value != null) {
        parameter.setter.accept(builder, value);
      }
    }
    return builder;
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
