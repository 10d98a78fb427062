package org.lenet5.train;

import java.nio.file.Path;
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
 * #requireSame}), so that each front end names the one that differs in its own terms ({@code
 * --batch-size}, {@code <batchSize>}); each also describes how front ends offer it ({@link
 * ParameterDescriptor}).
 */
public enum RecipeParameter implements ParameterDescriptor {
  DATASET("dataset", true, recipe -> recipe.dataset().id(), String::valueOf,
      (builder, value) -> builder.dataset(DataSource.of((String) value)),
      Checks.any(), Offer.of(Exposure.DATA, String.class, Defaults.DATASET)),
  VALIDATION_SPLIT("validationSplit", false, Recipe::validationSplit, Float::valueOf,
      (builder, value) -> builder.validationSplit(((Number) value).doubleValue()),
      Checks.unitInterval(),
      Offer.option(Double.class, null, "FRACTION",
          "Hold out this share of the training images, chosen by their content, to validate on"
              + " after each epoch; 0 = none, then each epoch is scored on the test set (default:"
              + " none for mnist and fashion-mnist, 0.1 for a folder of your own images)")),
  VARIANT("variant", false, recipe -> recipe.variant().id(), String::valueOf,
      (builder, value) -> builder.variant(Checks.named("variant", (String) value,
          ModelVariant::fromId, "a model variant", "choose one of " + ModelVariant.idList())),
      Checks.any(),
      Offer.option(String.class, "reference", "NAME",
          "Architecture: reference (the tutorial's, with BatchNorm), no-batchnorm (the same"
              + " without BatchNorm), classic (LeCun 1998: tanh, average pooling, C5 as a 5x5"
              + " convolution with 120 maps)")),
  AUGMENT("augment", false, Recipe::augment, Boolean::valueOf,
      (builder, value) -> builder.augment((Boolean) value),
      Checks.any(),
      Offer.option(Boolean.class, "false", "",
          "Train on randomly shifted (up to 2 px) and rotated (up to 10 degrees) images;"
              + " --recipe augmented combines it with a longer, decaying schedule")),
  EPOCHS("epochs", true, Recipe::epochs, Integer::valueOf,
      (builder, value) -> builder.epochs(((Number) value).intValue()),
      Checks.between(1, Recipe.MAX_EPOCHS),
      Offer.option(Integer.class, "10", "N", "Epochs")),
  BATCH_SIZE("batchSize", true, Recipe::batchSize, Integer::valueOf,
      (builder, value) -> builder.batchSize(((Number) value).intValue()),
      Checks.between(1, Recipe.MAX_BATCH_SIZE),
      Offer.option(Integer.class, Defaults.BATCH_SIZE, "N", "Images per training step")),
  LEARNING_RATE("learningRate", true, Recipe::learningRate, Float::valueOf,
      (builder, value) -> builder.learningRate(((Number) value).doubleValue()),
      Checks.positiveAtMost(10.0),
      Offer.option(Double.class, "0.001", "RATE", "Adam learning rate")),
  LEARNING_RATE_DECAY("learningRateDecay", false, Recipe::learningRateDecay, Float::valueOf,
      (builder, value) -> builder.learningRateDecay(((Number) value).doubleValue()),
      Checks.positiveAtMost(1.0),
      Offer.option(Double.class, "1", "FACTOR",
          "Multiply the learning rate by FACTOR after every epoch, 0-1; 1 keeps it constant")),
  BETA1("beta1", true, Recipe::beta1, Float::valueOf,
      (builder, value) -> builder.beta1(((Number) value).doubleValue()),
      Checks.unitInterval(), Offer.of(Exposure.LIBRARY, Double.class, "0.9")),
  BETA2("beta2", true, Recipe::beta2, Float::valueOf,
      (builder, value) -> builder.beta2(((Number) value).doubleValue()),
      Checks.unitInterval(), Offer.of(Exposure.LIBRARY, Double.class, "0.999")),
  EPSILON("epsilon", true, Recipe::epsilon, Float::valueOf,
      (builder, value) -> builder.epsilon(((Number) value).doubleValue()),
      Checks.positiveAtMost(1.0), Offer.of(Exposure.LIBRARY, Double.class, "1e-8")),
  SEED("seed", true, Recipe::seed, Long::valueOf,
      (builder, value) -> builder.seed(((Number) value).longValue()),
      Checks.any(),
      Offer.option(Long.class, "1", "N",
          "Seeds initial weights and shuffling; same seed, same run")),
  LIMIT_TRAIN("limitTrain", true, Recipe::limitTrain, Integer::valueOf,
      (builder, value) -> builder.limitTrain(((Number) value).intValue()),
      Checks.between(0, Integer.MAX_VALUE),
      Offer.option(Integer.class, Defaults.LIMIT_TRAIN, "N",
          "Train on the first N training images only; 0 = all")),
  EARLY_STOP("earlyStop", false, Recipe::earlyStop, Integer::valueOf,
      (builder, value) -> builder.earlyStop(((Number) value).intValue()),
      Checks.between(0, Recipe.MAX_EPOCHS),
      Offer.option(Integer.class, "0", "EPOCHS",
          "Stop when this many epochs in a row bring no better validation accuracy (or loss,"
              + " see --monitor); 0 = train every epoch; needs a validation split")),
  EARLY_STOP_MIN_DELTA("earlyStopMinDelta", false, Recipe::earlyStopMinDelta, Float::valueOf,
      (builder, value) -> builder.earlyStopMinDelta(((Number) value).doubleValue()),
      Checks.unitInterval(),
      Offer.option(Double.class, "0", "FRACTION",
          "For early stopping, an epoch improves on the best validation accuracy (or loss) only"
              + " by more than this, 0-1 (accuracy 0.001: a tenth of a point)")),
  KEEP("keep", false, recipe -> recipe.keep().id(), String::valueOf,
      (builder, value) -> builder.keep(Checks.named("keep", (String) value,
          KeptWeights::fromId, "a choice of weights", "choose last or best")),
      Checks.any(),
      Offer.option(String.class, "last", "last|best",
          "Keep, save and export the last epoch's weights or those of the epoch with the best"
              + " validation accuracy (or loss)")),
  MONITOR("monitor", false, recipe -> recipe.monitor().id(), String::valueOf,
      (builder, value) -> builder.monitor(Checks.named("monitor", (String) value,
          Monitor::fromId, "a figure to monitor", "choose accuracy or loss")),
      Checks.any(),
      Offer.option(String.class, "accuracy", "accuracy|loss",
          "What early stopping and keeping the best weights judge epochs by: validation accuracy"
              + " (higher is better) or validation loss (lower is better)")),
  SKIP_UNREADABLE("skipUnreadable", false, Recipe::skipUnreadable, Boolean::valueOf,
      (builder, value) -> builder.skipUnreadable((Boolean) value),
      Checks.any(),
      Offer.option(Boolean.class, "false", "",
          "Leave out files of your own images that cannot be read as images, with a count,"
              + " instead of stopping"));

  private final String id;
  private final boolean alwaysRecorded;
  private final Function<Recipe, Object> value;
  private final Function<String, Object> parser;
  private final BiConsumer<Recipe.Builder, Object> setter;
  private final Checks.Check check;
  private final Offer offer;

  RecipeParameter(
      String id,
      boolean alwaysRecorded,
      Function<Recipe, Object> value,
      Function<String, Object> parser,
      BiConsumer<Recipe.Builder, Object> setter,
      Checks.Check check,
      Offer offer) {
    this.id = id;
    this.alwaysRecorded = alwaysRecorded;
    this.value = value;
    this.parser = parser;
    this.setter = setter;
    this.check = check;
    this.offer = offer;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Offer offer() {
    return offer;
  }

  /**
   * Refuses a value out of this parameter's range.
   *
   * @throws InvalidConfigException naming the parameter
   */
  void check(Number value) {
    check.require(id, value);
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
   * Refuses to resume a run with a recipe that differs from the one it was trained with: the
   * same options with a resume added continue it; changed ones would not be the run that was
   * started. Compared are the parameters given explicitly, and all of them when the named recipe
   * was given explicitly too.
   *
   * @param given whether the front end was given a parameter explicitly
   * @param namedRecipe the named recipe, if the front end was given it explicitly
   * @throws ResumeConflictException naming the first parameter that differs
   */
  public static void requireSame(
      Recipe saved, Recipe asked, Path runDirectory, Predicate<RecipeParameter> given,
      Optional<String> namedRecipe) {
    for (RecipeParameter parameter : values()) {
      boolean explicitly = given.test(parameter);
      if ((explicitly || namedRecipe.isPresent())
          && !parameter.valueIn(saved).equals(parameter.valueIn(asked))) {
        throw new ResumeConflictException(
            runDirectory, parameter, parameter.valueIn(saved), parameter.valueIn(asked),
            explicitly ? Optional.empty() : namedRecipe);
      }
    }
  }
}
