package org.lenet5.train;

import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.lenet5.data.DataSource;
import org.lenet5.model.ModelVariant;

/**
 * The parameters of a {@link Recipe}, named as {@link Recipe.Builder} names them: the one list
 * from which a recipe is recorded and read back ({@link Recipe#values()}), fingerprinted, set
 * from a front end's options ({@link #setGiven}) and compared with a resumed run's ({@link
 * #firstDifference}), so that each front end names the one that differs in its own terms ({@code
 * --batch-size}, {@code <batchSize>}).
 */
public enum RecipeParameter {
  DATASET("dataset", true, recipe -> recipe.dataset().id(), String::valueOf,
      (builder, value) -> builder.dataset(DataSource.of((String) value))),
  VALIDATION_SPLIT("validationSplit", false, Recipe::validationSplit, Float::valueOf,
      (builder, value) -> builder.validationSplit(((Number) value).doubleValue())),
  VARIANT("variant", false, recipe -> recipe.variant().id(), String::valueOf,
      (builder, value) -> builder.variant(ModelVariant.fromId((String) value))),
  AUGMENT("augment", false, Recipe::augment, Boolean::valueOf,
      (builder, value) -> builder.augment((Boolean) value)),
  EPOCHS("epochs", true, Recipe::epochs, Integer::valueOf,
      (builder, value) -> builder.epochs(((Number) value).intValue())),
  BATCH_SIZE("batchSize", true, Recipe::batchSize, Integer::valueOf,
      (builder, value) -> builder.batchSize(((Number) value).intValue())),
  LEARNING_RATE("learningRate", true, Recipe::learningRate, Float::valueOf,
      (builder, value) -> builder.learningRate(((Number) value).doubleValue())),
  LEARNING_RATE_DECAY("learningRateDecay", false, Recipe::learningRateDecay, Float::valueOf,
      (builder, value) -> builder.learningRateDecay(((Number) value).doubleValue())),
  BETA1("beta1", true, Recipe::beta1, Float::valueOf,
      (builder, value) -> builder.beta1(((Number) value).doubleValue())),
  BETA2("beta2", true, Recipe::beta2, Float::valueOf,
      (builder, value) -> builder.beta2(((Number) value).doubleValue())),
  EPSILON("epsilon", true, Recipe::epsilon, Float::valueOf,
      (builder, value) -> builder.epsilon(((Number) value).doubleValue())),
  SEED("seed", true, Recipe::seed, Long::valueOf,
      (builder, value) -> builder.seed(((Number) value).longValue())),
  LIMIT_TRAIN("limitTrain", true, Recipe::limitTrain, Integer::valueOf,
      (builder, value) -> builder.limitTrain(((Number) value).intValue())),
  EARLY_STOP("earlyStop", false, Recipe::earlyStop, Integer::valueOf,
      (builder, value) -> builder.earlyStop(((Number) value).intValue())),
  KEEP("keep", false, recipe -> recipe.keep().id(), String::valueOf,
      (builder, value) -> builder.keep(KeptWeights.fromId((String) value)));

  private final String id;
  private final boolean alwaysRecorded;
  private final Function<Recipe, Object> value;
  private final Function<String, Object> parser;
  private final BiConsumer<Recipe.Builder, Object> setter;

  RecipeParameter(
      String id,
      boolean alwaysRecorded,
      Function<Recipe, Object> value,
      Function<String, Object> parser,
      BiConsumer<Recipe.Builder, Object> setter) {
    this.id = id;
    this.alwaysRecorded = alwaysRecorded;
    this.value = value;
    this.parser = parser;
    this.setter = setter;
  }

  /** The builder method's name, e.g. {@code batchSize}. */
  public String id() {
    return id;
  }

  /**
   * The parameter's value in {@code recipe} as a user would write it: a name for the dataset and
   * the variant ({@code mnist}), a boxed boolean or number otherwise (64).
   */
  public Object valueIn(Recipe recipe) {
    return value.apply(recipe);
  }

  /** Whether the first checkpoints already recorded it (the later ones default when missing). */
  boolean alwaysRecorded() {
    return alwaysRecorded;
  }

  /**
   * A value as {@link Recipe#values()} writes it, read back.
   *
   * @throws IllegalArgumentException if it is malformed
   */
  Object parse(String text) {
    return parser.apply(text.trim());
  }

  /** Sets a value of the kind {@link #valueIn} returns. */
  void set(Recipe.Builder builder, Object value) {
    setter.accept(builder, value);
  }

  /**
   * Sets the parameters a front end was given over {@code builder}'s values: {@code given} maps
   * each parameter to its value as the front end holds it (a name for the dataset and the
   * variant, a boxed boolean or number otherwise), or to null when it was not given.
   */
  public static Recipe.Builder setGiven(
      Recipe.Builder builder, Function<RecipeParameter, Object> given) {
    for (RecipeParameter parameter : values()) {
      Object value = given.apply(parameter);
      if (value != null) {
        parameter.set(builder, value);
      }
    }
    return builder;
  }

  /**
   * The first of the {@code checked} parameters whose value in {@code asked} is not the one in
   * {@code saved}.
   */
  public static Optional<RecipeParameter> firstDifference(
      Recipe saved, Recipe asked, Predicate<RecipeParameter> checked) {
    for (RecipeParameter parameter : values()) {
      if (checked.test(parameter) && !parameter.valueIn(saved).equals(parameter.valueIn(asked))) {
        return Optional.of(parameter);
      }
    }
    return Optional.empty();
  }
}
