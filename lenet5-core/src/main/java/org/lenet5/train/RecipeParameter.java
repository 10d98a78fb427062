package org.lenet5.train;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
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
  DATASET("dataset", true, Kind.DATA_SOURCE,
      Checks.any(), Offer.of(Exposure.DATA, String.class, Defaults.DATASET)),
  VALIDATION_SPLIT("validationSplit", false, Kind.FLOAT,
      Checks.unitInterval(),
      Offer.option(Double.class, null, "FRACTION",
          "Hold out this share of the training images, chosen by their content, to validate on"
              + " after each epoch; 0 = none, then each epoch is scored on the test set (default:"
              + " none for mnist and fashion-mnist, 0.1 for a folder of your own images)")),
  VARIANT("variant", false,
      Kind.named(ModelVariant.class, ModelVariant::fromId, ModelVariant::id, "a model variant",
          "choose one of " + ModelVariant.idList()),
      Checks.any(),
      Offer.option(String.class, "reference", "NAME",
          "Architecture: reference (the tutorial's, with BatchNorm), no-batchnorm (the same"
              + " without BatchNorm), classic (LeCun 1998: tanh, average pooling, C5 as a 5x5"
              + " convolution with 120 maps)")),
  AUGMENT("augment", false, Kind.BOOLEAN,
      Checks.any(),
      Offer.option(Boolean.class, "false", "",
          "Train on randomly shifted (up to 2 px) and rotated (up to 10 degrees) images;"
              + " --recipe augmented combines it with a longer, decaying schedule")),
  EPOCHS("epochs", true, Kind.INT,
      Checks.between(1, Recipe.MAX_EPOCHS),
      Offer.option(Integer.class, "10", "N", "Epochs")),
  BATCH_SIZE("batchSize", true, Kind.INT,
      Checks.between(1, Recipe.MAX_BATCH_SIZE),
      Offer.option(Integer.class, Defaults.BATCH_SIZE, "N", "Images per training step")),
  LEARNING_RATE("learningRate", true, Kind.FLOAT,
      Checks.positiveAtMost(10.0),
      Offer.option(Double.class, "0.001", "RATE", "Adam learning rate")),
  LEARNING_RATE_DECAY("learningRateDecay", false, Kind.FLOAT,
      Checks.positiveAtMost(1.0),
      Offer.option(Double.class, "1", "FACTOR",
          "Multiply the learning rate by FACTOR after every epoch, 0-1; 1 keeps it constant")),
  BETA1("beta1", true, Kind.FLOAT,
      Checks.unitInterval(), Offer.of(Exposure.LIBRARY, Double.class, "0.9")),
  BETA2("beta2", true, Kind.FLOAT,
      Checks.unitInterval(), Offer.of(Exposure.LIBRARY, Double.class, "0.999")),
  EPSILON("epsilon", true, Kind.FLOAT,
      Checks.positiveAtMost(1.0), Offer.of(Exposure.LIBRARY, Double.class, "1e-8")),
  SEED("seed", true, Kind.LONG,
      Checks.any(),
      Offer.option(Long.class, "1", "N",
          "Seeds initial weights and shuffling; same seed, same run")),
  LIMIT_TRAIN("limitTrain", true, Kind.INT,
      Checks.between(0, Integer.MAX_VALUE),
      Offer.option(Integer.class, Defaults.LIMIT_TRAIN, "N",
          "Train on the first N training images only; 0 = all")),
  EARLY_STOP("earlyStop", false, Kind.INT,
      Checks.between(0, Recipe.MAX_EPOCHS),
      Offer.option(Integer.class, "0", "EPOCHS",
          "Stop when this many epochs in a row bring no better validation accuracy (or loss,"
              + " see --monitor); 0 = train every epoch; needs a validation split")),
  EARLY_STOP_MIN_DELTA("earlyStopMinDelta", false, Kind.FLOAT,
      Checks.unitInterval(),
      Offer.option(Double.class, "0", "FRACTION",
          "For early stopping, an epoch improves on the best validation accuracy (or loss) only"
              + " by more than this, 0-1 (accuracy 0.001: a tenth of a point)")),
  KEEP("keep", false,
      Kind.named(KeptWeights.class, KeptWeights::fromId, KeptWeights::id, "a choice of weights",
          "choose last or best"),
      Checks.any(),
      Offer.option(String.class, "last", "last|best",
          "Keep, save and export the last epoch's weights or those of the epoch with the best"
              + " validation accuracy (or loss)")),
  MONITOR("monitor", false,
      Kind.named(Monitor.class, Monitor::fromId, Monitor::id, "a figure to monitor",
          "choose accuracy or loss"),
      Checks.any(),
      Offer.option(String.class, "accuracy", "accuracy|loss",
          "What early stopping and keeping the best weights judge epochs by: validation accuracy"
              + " (higher is better) or validation loss (lower is better)")),
  SKIP_UNREADABLE("skipUnreadable", false, Kind.BOOLEAN,
      Checks.any(),
      Offer.option(Boolean.class, "false", "",
          "Leave out files of your own images that cannot be read as images, with a count,"
              + " instead of stopping"));

  private final String id;
  private final boolean alwaysRecorded;
  private final Kind<?> kind;
  private final Checks.Check check;
  private final Offer offer;

  RecipeParameter(
      String id, boolean alwaysRecorded, Kind<?> kind, Checks.Check check, Offer offer) {
    this.id = id;
    this.alwaysRecorded = alwaysRecorded;
    this.kind = kind;
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
   * The parameter's value in {@code recipe} as a user would write it: a name for the dataset and
   * the named choices ({@code mnist}, {@code best}), a boxed boolean or number otherwise (64).
   */
  public Object valueIn(Recipe recipe) {
    return kind.written(recipe.value(this));
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
    return kind.parse(text.trim());
  }

  /**
   * The value a recipe holds for one a front end or a record gives: a name or the value itself
   * for a data source or a named choice, a boxed number or boolean otherwise; range-checked.
   *
   * @throws InvalidConfigException naming the parameter if it is out of range or unknown
   */
  Object held(Object value) {
    if (Objects.requireNonNull(value, id) instanceof Number number) {
      check.require(id, number);
    }
    return kind.held(id, value);
  }

  /** Sets a value of the kind {@link #valueIn} returns (or the value itself). */
  void set(Recipe.Builder builder, Object value) {
    builder.set(this, value);
  }

  /**
   * The type of a parameter's value: how it is read from text, held in a recipe and written.
   *
   * @param <T> the type a recipe holds
   */
  private interface Kind<T> {

    Kind<Integer> INT = simple(Integer::valueOf, value -> ((Number) value).intValue());
    Kind<Long> LONG = simple(Long::valueOf, value -> ((Number) value).longValue());
    Kind<Float> FLOAT = simple(Float::valueOf, value -> ((Number) value).floatValue());
    Kind<Boolean> BOOLEAN = simple(Boolean::valueOf, value -> (Boolean) value);
    Kind<DataSource> DATA_SOURCE = new Kind<>() {
      @Override
      public Object parse(String text) {
        return text;
      }

      @Override
      public DataSource held(String id, Object value) {
        return value instanceof DataSource source ? source : DataSource.of((String) value);
      }

      @Override
      public Object written(Object held) {
        return ((DataSource) held).id();
      }
    };

    /** Reads a value as a record or front end writes it. */
    Object parse(String text);

    /** The value a recipe holds. */
    T held(String id, Object value);

    /** The value as a user writes it. */
    Object written(Object held);

    private static <T> Kind<T> simple(
        Function<String, Object> parser, Function<Object, T> holder) {
      return new Kind<>() {
        @Override
        public Object parse(String text) {
          return parser.apply(text);
        }

        @Override
        public T held(String id, Object value) {
          return holder.apply(value);
        }

        @Override
        public Object written(Object held) {
          return held;
        }
      };
    }

    /** A choice by name, e.g. a variant: held as its value, written as its name. */
    static <T> Kind<T> named(
        Class<T> type, Function<String, T> byName, Function<T, String> nameOf, String what,
        String choose) {
      return new Kind<>() {
        @Override
        public Object parse(String text) {
          return text;
        }

        @Override
        public T held(String id, Object value) {
          return type.isInstance(value) ? type.cast(value)
              : Checks.named(id, (String) value, byName, what, choose);
        }

        @Override
        public Object written(Object held) {
          return nameOf.apply(type.cast(held));
        }
      };
    }
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
