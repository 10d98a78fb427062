package org.lenet5.train;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lenet5.data.DataSource;
import org.lenet5.model.ModelVariant;

/**
 * What decides a model's weights: the data (and the share of it held out for validation), the
 * architecture, the augmentation, the epochs,
 * the batch size, Adam's learning rate, its decay and its β1, β2 and ε, the seed and the
 * training-set limit. Immutable; build one with {@link #builder()}. Every checkpoint and export
 * records it ({@link #values()}): it is what a resumed run continues with and what a model's
 * {@link ModelFingerprint} covers. Where a run reads and writes, and how it reports, are its
 * {@link RunSettings}, which change nothing in the weights.
 *
 * <p>{@link #reference()} is the PyTorch tutorial's recipe: MNIST, the reference network, 10
 * epochs, batch 64, Adam at a constant 0.001 (β1 0.9, β2 0.999, ε 1e-8), no augmentation, seed 1.
 */
public final class Recipe {

  /** Largest accepted number of epochs. */
  public static final int MAX_EPOCHS = 10_000;

  /** Largest accepted batch size. */
  public static final int MAX_BATCH_SIZE = 60_000;

  private static final Recipe REFERENCE = builder().build();

  private final Map<RecipeParameter, Object> values;

  private Recipe(Builder builder) {
    this.values = new EnumMap<>(builder.values);
  }

  /** A builder holding the reference recipe's values. */
  public static Builder builder() {
    return new Builder();
  }

  /** The reference recipe, unchanged. */
  public static Recipe reference() {
    return REFERENCE;
  }

  /** A builder that starts from this recipe's values. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    // A validation split not given stays the data source's default, whichever source the
    // builder ends with.
    builder.values.clear();
    builder.values.putAll(values);
    return builder;
  }

  /** Whether the validation split was given, rather than left to the data source's default. */
  public boolean validationSplitGiven() {
    return values.get(RecipeParameter.VALIDATION_SPLIT) != null;
  }

  /**
   * The value the recipe holds for {@code parameter}: a {@link DataSource} for the dataset, the
   * named choice ({@link ModelVariant}, {@link KeptWeights}, {@link Monitor}), a boxed number or
   * boolean otherwise; the validation split is the data source's default when not given.
   */
  public Object value(RecipeParameter parameter) {
    if (parameter == RecipeParameter.VALIDATION_SPLIT) {
      return validationSplit();
    }
    return values.get(parameter);
  }

  /** The data trained on (and evaluated on): a built-in dataset or an image folder. */
  public DataSource dataset() {
    return (DataSource) values.get(RecipeParameter.DATASET);
  }

  /**
   * The share of the training images held out, by their content, to validate on after each
   * epoch: 0 for none (then the learning curve shows the test accuracy); by default the data
   * source's ({@link DataSource#defaultValidationSplit()}).
   */
  public float validationSplit() {
    Object given = values.get(RecipeParameter.VALIDATION_SPLIT);
    return given != null ? (Float) given : (float) dataset().defaultValidationSplit();
  }

  /** The architecture to train. */
  public ModelVariant variant() {
    return (ModelVariant) values.get(RecipeParameter.VARIANT);
  }

  /**
   * Whether each epoch trains on randomly shifted and rotated copies of the images (see {@link
   * org.lenet5.data.Augmentation}) rather than on the images themselves.
   */
  public boolean augment() {
    return (Boolean) values.get(RecipeParameter.AUGMENT);
  }

  /** Passes over the training set. */
  public int epochs() {
    return (Integer) values.get(RecipeParameter.EPOCHS);
  }

  /** Images per training step. */
  public int batchSize() {
    return (Integer) values.get(RecipeParameter.BATCH_SIZE);
  }

  /** Adam's learning rate in the first epoch. */
  public float learningRate() {
    return (Float) values.get(RecipeParameter.LEARNING_RATE);
  }

  /**
   * The factor the learning rate is multiplied by after each epoch: epoch {@code e} trains at
   * {@code learningRate × learningRateDecay^(e-1)}. 1, the default, keeps it constant.
   */
  public float learningRateDecay() {
    return (Float) values.get(RecipeParameter.LEARNING_RATE_DECAY);
  }

  /** The learning rate of a 1-based epoch, after the decay of the epochs before it. */
  public float learningRate(int epoch) {
    return (float) (learningRate() * Math.pow(learningRateDecay(), epoch - 1));
  }

  /** Adam's β1. */
  public float beta1() {
    return (Float) values.get(RecipeParameter.BETA1);
  }

  /** Adam's β2. */
  public float beta2() {
    return (Float) values.get(RecipeParameter.BETA2);
  }

  /** Adam's ε. */
  public float epsilon() {
    return (Float) values.get(RecipeParameter.EPSILON);
  }

  /** Seeds the initial weights and the shuffling, so that a seed always gives the same run. */
  public long seed() {
    return (Long) values.get(RecipeParameter.SEED);
  }

  /** Train on only the first N training images; 0 means all of them. */
  public int limitTrain() {
    return (Integer) values.get(RecipeParameter.LIMIT_TRAIN);
  }

  /**
   * Stop when this many epochs in a row bring no better validation accuracy than the best
   * before them; 0, the default, trains every epoch.
   */
  public int earlyStop() {
    return (Integer) values.get(RecipeParameter.EARLY_STOP);
  }

  /**
   * How much an epoch's validation figure ({@link #monitor()}: accuracy 0..1, or loss) must beat
   * the best before it by to count as an improvement for early stopping; 0, the default, counts
   * any.
   */
  public float earlyStopMinDelta() {
    return (Float) values.get(RecipeParameter.EARLY_STOP_MIN_DELTA);
  }

  /** Which weights the run keeps: the last epoch's (the default) or the best on validation. */
  public KeptWeights keep() {
    return (KeptWeights) values.get(RecipeParameter.KEEP);
  }

  /**
   * What early stopping and keeping the best weights judge an epoch by: its validation accuracy
   * (the default) or its validation loss.
   */
  public Monitor monitor() {
    return (Monitor) values.get(RecipeParameter.MONITOR);
  }

  /**
   * Whether files of one's own images that cannot be read as images are left out, with a count,
   * rather than stopping the run; off by default. Part of the recipe, so that a model trained
   * without them is never taken for a build that would refuse them.
   */
  public boolean skipUnreadable() {
    return (Boolean) values.get(RecipeParameter.SKIP_UNREADABLE);
  }

  /**
   * The recipe as checkpoints and exports record it: every {@link RecipeParameter}'s id and value
   * as a user would write it ({@code batchSize=64}, {@code dataset=mnist}), in a fixed order.
   */
  public Map<String, String> values() {
    Map<String, String> values = new LinkedHashMap<>();
    for (RecipeParameter parameter : RecipeParameter.values()) {
      values.put(parameter.id(), String.valueOf(parameter.valueIn(this)));
    }
    return values;
  }

  /**
   * Reads a recipe written by {@link #values()}. A parameter added after the first checkpoints
   * were written (the variant, the augmentation, the decay) takes the reference's value when it
   * is not recorded; any other missing one is an error.
   *
   * @throws IllegalArgumentException if a value is missing or malformed
   * @throws InvalidConfigException if a value is out of range
   */
  public static Recipe fromValues(Map<String, String> values) {
    Builder builder = builder();
    for (RecipeParameter parameter : RecipeParameter.values()) {
      String value = values.get(parameter.id());
      if (value != null) {
        parameter.set(builder, parameter.parse(value));
      } else if (parameter.alwaysRecorded()) {
        throw new IllegalArgumentException("missing " + parameter.id());
      }
    }
    return builder.build();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Recipe recipe && values().equals(recipe.values());
  }

  @Override
  public int hashCode() {
    return values().hashCode();
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    values().forEach((id, value) -> text.append(text.isEmpty() ? "" : " ").append(id)
        .append('=').append(value));
    return text.toString();
  }

  /** Collects and validates a recipe. Every setter checks its value at once. */
  public static final class Builder {
    private final Map<RecipeParameter, Object> values = new EnumMap<>(RecipeParameter.class);

    /** Starts from every parameter's default ({@link RecipeParameter#defaultValue()}). */
    private Builder() {
      for (RecipeParameter parameter : RecipeParameter.values()) {
        parameter.defaultValue().ifPresent(value -> set(parameter, parameter.parse(value)));
      }
    }

    /**
     * Sets any parameter: a name or the value itself for the dataset and the named choices, a
     * number or boolean otherwise, as front ends and records give them.
     *
     * @throws InvalidConfigException naming the parameter if the value is out of range
     */
    public Builder set(RecipeParameter parameter, Object value) {
      values.put(parameter, parameter.held(value));
      return this;
    }

    /** The data: MNIST by default; a built-in dataset or an image folder. */
    public Builder dataset(DataSource value) {
      return set(RecipeParameter.DATASET, value);
    }

    /**
     * Hold out this share of the training images for validation, in [0, 1): 0 for none; by
     * default the data source's (none for the built-in datasets, a tenth of one's own images).
     */
    public Builder validationSplit(double value) {
      return set(RecipeParameter.VALIDATION_SPLIT, value);
    }

    /** The architecture; the reference's by default. */
    public Builder variant(ModelVariant value) {
      return set(RecipeParameter.VARIANT, value);
    }

    /** Train on randomly shifted and rotated images; off by default, as in the reference. */
    public Builder augment(boolean value) {
      return set(RecipeParameter.AUGMENT, value);
    }

    /** Passes over the training set, 1 to {@value Recipe#MAX_EPOCHS}. */
    public Builder epochs(int value) {
      return set(RecipeParameter.EPOCHS, value);
    }

    /** Images per step, 1 to {@value Recipe#MAX_BATCH_SIZE}. */
    public Builder batchSize(int value) {
      return set(RecipeParameter.BATCH_SIZE, value);
    }

    /** Adam's learning rate, in (0, 10]. */
    public Builder learningRate(double value) {
      return set(RecipeParameter.LEARNING_RATE, value);
    }

    /** Multiply the learning rate by this after every epoch, in (0, 1]; 1 keeps it constant. */
    public Builder learningRateDecay(double value) {
      return set(RecipeParameter.LEARNING_RATE_DECAY, value);
    }

    /** Adam's β1, in [0, 1). */
    public Builder beta1(double value) {
      return set(RecipeParameter.BETA1, value);
    }

    /** Adam's β2, in [0, 1). */
    public Builder beta2(double value) {
      return set(RecipeParameter.BETA2, value);
    }

    /** Adam's ε, in (0, 1]. */
    public Builder epsilon(double value) {
      return set(RecipeParameter.EPSILON, value);
    }

    /** Seeds the initial weights, the shuffling and the augmentation. */
    public Builder seed(long value) {
      return set(RecipeParameter.SEED, value);
    }

    /** Train on the first N training images only; 0, the default, means all. */
    public Builder limitTrain(int value) {
      return set(RecipeParameter.LIMIT_TRAIN, value);
    }

    /**
     * Stop after this many epochs without a better validation accuracy, 0 (never, the default) to
     * {@value Recipe#MAX_EPOCHS}; needs a validation split.
     */
    public Builder earlyStop(int value) {
      return set(RecipeParameter.EARLY_STOP, value);
    }

    /**
     * For early stopping, count an epoch as better only when its validation accuracy (0..1)
     * exceeds the best before it by more than this, in [0, 1); 0 by default.
     */
    public Builder earlyStopMinDelta(double value) {
      return set(RecipeParameter.EARLY_STOP_MIN_DELTA, value);
    }

    /** Keep the last epoch's weights (the default) or the best on validation. */
    public Builder keep(KeptWeights value) {
      return set(RecipeParameter.KEEP, value);
    }

    /** Judge epochs by validation accuracy (the default) or validation loss. */
    public Builder monitor(Monitor value) {
      return set(RecipeParameter.MONITOR, value);
    }

    /** Leave out files of one's own images that are not readable images, with a count. */
    public Builder skipUnreadable(boolean value) {
      return set(RecipeParameter.SKIP_UNREADABLE, value);
    }

    /**
     * The recipe.
     *
     * @throws InvalidConfigException if the batch is larger than the limited training set, or
     *     early stopping or the best weights are asked for without a validation split
     */
    public Recipe build() {
      Recipe recipe = new Recipe(this);
      int limitTrain = recipe.limitTrain();
      if (limitTrain != 0 && recipe.batchSize() > limitTrain) {
        throw new InvalidConfigException(
            "batchSize",
            "must not exceed the " + limitTrain + " training images (limitTrain), got "
                + recipe.batchSize());
      }
      // Epochs chosen on the test set would make its accuracy an optimistic estimate.
      if (recipe.validationSplit() == 0 && recipe.earlyStop() > 0) {
        throw new InvalidConfigException(
            "earlyStop", "needs validation images to decide on: set a validation split above 0");
      }
      if (recipe.validationSplit() == 0 && recipe.keep() == KeptWeights.BEST) {
        throw new InvalidConfigException(
            "keep", "best needs validation images to decide on: set a validation split above 0");
      }
      return recipe;
    }
  }
}
