package org.lenet5.train;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
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

  private final DataSource dataset;
  private final float validationSplit;
  private final Float validationSplitGiven;
  private final ModelVariant variant;
  private final boolean augment;
  private final int epochs;
  private final int batchSize;
  private final float learningRate;
  private final float learningRateDecay;
  private final float beta1;
  private final float beta2;
  private final float epsilon;
  private final long seed;
  private final int limitTrain;
  private final int earlyStop;
  private final float earlyStopMinDelta;
  private final KeptWeights keep;
  private final Monitor monitor;
  private final boolean skipUnreadable;

  private Recipe(Builder builder) {
    this.dataset = builder.dataset;
    this.validationSplitGiven = builder.validationSplit;
    this.validationSplit =
        builder.validationSplit != null
            ? builder.validationSplit
            : (float) builder.dataset.defaultValidationSplit();
    this.variant = builder.variant;
    this.augment = builder.augment;
    this.epochs = builder.epochs;
    this.batchSize = builder.batchSize;
    this.learningRate = builder.learningRate;
    this.learningRateDecay = builder.learningRateDecay;
    this.beta1 = builder.beta1;
    this.beta2 = builder.beta2;
    this.epsilon = builder.epsilon;
    this.seed = builder.seed;
    this.limitTrain = builder.limitTrain;
    this.earlyStop = builder.earlyStop;
    this.earlyStopMinDelta = builder.earlyStopMinDelta;
    this.keep = builder.keep;
    this.monitor = builder.monitor;
    this.skipUnreadable = builder.skipUnreadable;
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
    builder.dataset = dataset;
    // Not given, it stays the data source's default, whichever source the builder ends with.
    builder.validationSplit = validationSplitGiven;
    builder.variant = variant;
    builder.augment = augment;
    builder.epochs = epochs;
    builder.batchSize = batchSize;
    builder.learningRate = learningRate;
    builder.learningRateDecay = learningRateDecay;
    builder.beta1 = beta1;
    builder.beta2 = beta2;
    builder.epsilon = epsilon;
    builder.seed = seed;
    builder.limitTrain = limitTrain;
    builder.earlyStop = earlyStop;
    builder.earlyStopMinDelta = earlyStopMinDelta;
    builder.keep = keep;
    builder.monitor = monitor;
    builder.skipUnreadable = skipUnreadable;
    return builder;
  }

  /** The data trained on (and evaluated on): a built-in dataset or an image folder. */
  public DataSource dataset() {
    return dataset;
  }

  /**
   * The share of the training images held out, by their content, to validate on after each
   * epoch: 0 for none (then the learning curve shows the test accuracy); by default the data
   * source's ({@link DataSource#defaultValidationSplit()}).
   */
  public float validationSplit() {
    return validationSplit;
  }

  /** The architecture to train. */
  public ModelVariant variant() {
    return variant;
  }

  /**
   * Whether each epoch trains on randomly shifted and rotated copies of the images (see {@link
   * org.lenet5.data.Augmentation}) rather than on the images themselves.
   */
  public boolean augment() {
    return augment;
  }

  /** Passes over the training set. */
  public int epochs() {
    return epochs;
  }

  /** Images per training step. */
  public int batchSize() {
    return batchSize;
  }

  /** Adam's learning rate in the first epoch. */
  public float learningRate() {
    return learningRate;
  }

  /**
   * The factor the learning rate is multiplied by after each epoch: epoch {@code e} trains at
   * {@code learningRate × learningRateDecay^(e-1)}. 1, the default, keeps it constant.
   */
  public float learningRateDecay() {
    return learningRateDecay;
  }

  /** The learning rate of a 1-based epoch, after the decay of the epochs before it. */
  public float learningRate(int epoch) {
    return (float) (learningRate * Math.pow(learningRateDecay, epoch - 1));
  }

  /** Adam's β1. */
  public float beta1() {
    return beta1;
  }

  /** Adam's β2. */
  public float beta2() {
    return beta2;
  }

  /** Adam's ε. */
  public float epsilon() {
    return epsilon;
  }

  /** Seeds the initial weights and the shuffling, so that a seed always gives the same run. */
  public long seed() {
    return seed;
  }

  /** Train on only the first N training images; 0 means all of them. */
  public int limitTrain() {
    return limitTrain;
  }

  /**
   * Stop when this many epochs in a row bring no better validation accuracy than the best
   * before them; 0, the default, trains every epoch.
   */
  public int earlyStop() {
    return earlyStop;
  }

  /**
   * How much an epoch's validation figure ({@link #monitor()}: accuracy 0..1, or loss) must beat
   * the best before it by to count as an improvement for early stopping; 0, the default, counts
   * any.
   */
  public float earlyStopMinDelta() {
    return earlyStopMinDelta;
  }

  /** Which weights the run keeps: the last epoch's (the default) or the best on validation. */
  public KeptWeights keep() {
    return keep;
  }

  /**
   * What early stopping and keeping the best weights judge an epoch by: its validation accuracy
   * (the default) or its validation loss.
   */
  public Monitor monitor() {
    return monitor;
  }

  /**
   * Whether files of one's own images that cannot be read as images are left out, with a count,
   * rather than stopping the run; off by default. Part of the recipe, so that a model trained
   * without them is never taken for a build that would refuse them.
   */
  public boolean skipUnreadable() {
    return skipUnreadable;
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
    private DataSource dataset;
    private Float validationSplit;
    private ModelVariant variant;
    private boolean augment;
    private int epochs;
    private int batchSize;
    private float learningRate;
    private float learningRateDecay;
    private float beta1;
    private float beta2;
    private float epsilon;
    private long seed;
    private int limitTrain;
    private int earlyStop;
    private float earlyStopMinDelta;
    private KeptWeights keep;
    private Monitor monitor;
    private boolean skipUnreadable;

    /** Starts from every parameter's default ({@link RecipeParameter#defaultValue()}). */
    private Builder() {
      for (RecipeParameter parameter : RecipeParameter.values()) {
        parameter.defaultValue().ifPresent(value -> parameter.set(this, parameter.parse(value)));
      }
    }

    /** The data: MNIST by default; a built-in dataset or an image folder. */
    public Builder dataset(DataSource value) {
      this.dataset = Objects.requireNonNull(value, "dataset");
      return this;
    }

    /**
     * Hold out this share of the training images for validation, in [0, 1): 0 for none; by
     * default the data source's (none for the built-in datasets, a tenth of one's own images).
     */
    public Builder validationSplit(double value) {
      this.validationSplit = checked(RecipeParameter.VALIDATION_SPLIT, value);
      return this;
    }

    /** The architecture; the reference's by default. */
    public Builder variant(ModelVariant value) {
      this.variant = Objects.requireNonNull(value, "variant");
      return this;
    }

    /** Train on randomly shifted and rotated images; off by default, as in the reference. */
    public Builder augment(boolean value) {
      this.augment = value;
      return this;
    }

    /** Passes over the training set, 1 to {@value Recipe#MAX_EPOCHS}. */
    public Builder epochs(int value) {
      this.epochs = checked(RecipeParameter.EPOCHS, value);
      return this;
    }

    /** Images per step, 1 to {@value Recipe#MAX_BATCH_SIZE}. */
    public Builder batchSize(int value) {
      this.batchSize = checked(RecipeParameter.BATCH_SIZE, value);
      return this;
    }

    /** Adam's learning rate, in (0, 10]. */
    public Builder learningRate(double value) {
      this.learningRate = checked(RecipeParameter.LEARNING_RATE, value);
      return this;
    }

    /** Multiply the learning rate by this after every epoch, in (0, 1]; 1 keeps it constant. */
    public Builder learningRateDecay(double value) {
      this.learningRateDecay = checked(RecipeParameter.LEARNING_RATE_DECAY, value);
      return this;
    }

    /** Adam's β1, in [0, 1). */
    public Builder beta1(double value) {
      this.beta1 = checked(RecipeParameter.BETA1, value);
      return this;
    }

    /** Adam's β2, in [0, 1). */
    public Builder beta2(double value) {
      this.beta2 = checked(RecipeParameter.BETA2, value);
      return this;
    }

    /** Adam's ε, in (0, 1]. */
    public Builder epsilon(double value) {
      this.epsilon = checked(RecipeParameter.EPSILON, value);
      return this;
    }

    /** Seeds the initial weights, the shuffling and the augmentation. */
    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /** Train on the first N training images only; 0, the default, means all. */
    public Builder limitTrain(int value) {
      this.limitTrain = checked(RecipeParameter.LIMIT_TRAIN, value);
      return this;
    }

    /**
     * Stop after this many epochs without a better validation accuracy, 0 (never, the default) to
     * {@value Recipe#MAX_EPOCHS}; needs a validation split.
     */
    public Builder earlyStop(int value) {
      this.earlyStop = checked(RecipeParameter.EARLY_STOP, value);
      return this;
    }

    /**
     * For early stopping, count an epoch as better only when its validation accuracy (0..1)
     * exceeds the best before it by more than this, in [0, 1); 0 by default.
     */
    public Builder earlyStopMinDelta(double value) {
      this.earlyStopMinDelta = checked(RecipeParameter.EARLY_STOP_MIN_DELTA, value);
      return this;
    }

    /** Keep the last epoch's weights (the default) or the best on validation. */
    public Builder keep(KeptWeights value) {
      this.keep = Objects.requireNonNull(value, "keep");
      return this;
    }

    /** Judge epochs by validation accuracy (the default) or validation loss. */
    public Builder monitor(Monitor value) {
      this.monitor = Objects.requireNonNull(value, "monitor");
      return this;
    }

    /** Leave out files of one's own images that are not readable images, with a count. */
    public Builder skipUnreadable(boolean value) {
      this.skipUnreadable = value;
      return this;
    }

    private static int checked(RecipeParameter parameter, int value) {
      parameter.check(value);
      return value;
    }

    private static float checked(RecipeParameter parameter, double value) {
      parameter.check(value);
      return (float) value;
    }

    /**
     * The recipe.
     *
     * @throws InvalidConfigException if the batch is larger than the limited training set, or
     *     early stopping or the best weights are asked for without a validation split
     */
    public Recipe build() {
      if (limitTrain != 0 && batchSize > limitTrain) {
        throw new InvalidConfigException(
            "batchSize",
            "must not exceed the " + limitTrain + " training images (limitTrain), got "
                + batchSize);
      }
      Recipe recipe = new Recipe(this);
      // Epochs chosen on the test set would make its accuracy an optimistic estimate.
      if (recipe.validationSplit() == 0 && earlyStop > 0) {
        throw new InvalidConfigException(
            "earlyStop", "needs validation images to decide on: set a validation split above 0");
      }
      if (recipe.validationSplit() == 0 && keep == KeptWeights.BEST) {
        throw new InvalidConfigException(
            "keep", "best needs validation images to decide on: set a validation split above 0");
      }
      return recipe;
    }
  }
}
