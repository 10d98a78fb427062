package org.lenet5.train;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.lenet5.data.Dataset;
import org.lenet5.device.DeviceChoice;
import org.lenet5.model.ModelVariant;

/**
 * Everything that defines a training run. Immutable; build it with {@link #builder()}. The
 * defaults ({@link Defaults}) are the reference recipe: MNIST, the reference network, 10 epochs, batch 64, Adam with
 * learning rate 0.001 (constant), β1 0.9, β2 0.999, ε 1e-8, no augmentation, a loss line every 400
 * steps.
 */
public final class TrainingConfig {

  /** Largest accepted number of epochs. */
  public static final int MAX_EPOCHS = 10_000;

  /** Largest accepted batch size. */
  public static final int MAX_BATCH_SIZE = 60_000;

  private final Dataset dataset;
  private final ModelVariant variant;
  private final boolean augment;
  private final boolean evaluateEachEpoch;
  private final int epochs;
  private final int batchSize;
  private final float learningRate;
  private final float learningRateDecay;
  private final float beta1;
  private final float beta2;
  private final float epsilon;
  private final long seed;
  private final int limitTrain;
  private final int logEvery;
  private final Path dataDir;
  private final Path cacheDir;
  private final Path outputDir;
  private final Path exportDir;
  private final DeviceChoice device;
  private final double gpuMemoryFraction;
  private final int checkpointEvery;
  private final int keepCheckpoints;

  private TrainingConfig(Builder builder) {
    this.dataset = builder.dataset;
    this.variant = builder.variant;
    this.augment = builder.augment;
    this.evaluateEachEpoch = builder.evaluateEachEpoch;
    this.epochs = builder.epochs;
    this.batchSize = builder.batchSize;
    this.learningRate = builder.learningRate;
    this.learningRateDecay = builder.learningRateDecay;
    this.beta1 = builder.beta1;
    this.beta2 = builder.beta2;
    this.epsilon = builder.epsilon;
    this.seed = builder.seed;
    this.limitTrain = builder.limitTrain;
    this.logEvery = builder.logEvery;
    this.dataDir = builder.dataDir;
    this.cacheDir = builder.cacheDir;
    this.outputDir = builder.outputDir;
    this.exportDir = builder.exportDir;
    this.device = builder.device;
    this.gpuMemoryFraction = builder.gpuMemoryFraction;
    this.checkpointEvery = builder.checkpointEvery;
    this.keepCheckpoints = builder.keepCheckpoints;
  }

  /** A builder holding the reference recipe's values. */
  public static Builder builder() {
    return new Builder();
  }

  /** The reference recipe, unchanged. */
  public static TrainingConfig defaults() {
    return builder().build();
  }

  /** A builder that starts from this configuration's values. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.dataset = dataset;
    builder.variant = variant;
    builder.augment = augment;
    builder.evaluateEachEpoch = evaluateEachEpoch;
    builder.epochs = epochs;
    builder.batchSize = batchSize;
    builder.learningRate = learningRate;
    builder.learningRateDecay = learningRateDecay;
    builder.beta1 = beta1;
    builder.beta2 = beta2;
    builder.epsilon = epsilon;
    builder.seed = seed;
    builder.limitTrain = limitTrain;
    builder.logEvery = logEvery;
    builder.dataDir = dataDir;
    builder.cacheDir = cacheDir;
    builder.outputDir = outputDir;
    builder.exportDir = exportDir;
    builder.device = device;
    builder.gpuMemoryFraction = gpuMemoryFraction;
    builder.checkpointEvery = checkpointEvery;
    builder.keepCheckpoints = keepCheckpoints;
    return builder;
  }

  public Dataset dataset() {
    return dataset;
  }

  /** The architecture to train. */
  public ModelVariant variant() {
    return variant;
  }

  /**
   * Whether each epoch trains on randomly shifted and rotated copies of the images (see {@link
   * Augmentation}) rather than on the images themselves.
   */
  public boolean augment() {
    return augment;
  }

  /**
   * Whether every epoch ends with an evaluation on the test set, for the learning curves; the
   * final evaluation happens either way.
   */
  public boolean evaluateEachEpoch() {
    return evaluateEachEpoch;
  }

  public int epochs() {
    return epochs;
  }

  public int batchSize() {
    return batchSize;
  }

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

  public float beta1() {
    return beta1;
  }

  public float beta2() {
    return beta2;
  }

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

  /** Report the loss every this many steps. */
  public int logEvery() {
    return logEvery;
  }

  /** A directory that holds the IDX files, if the user named one. */
  public Optional<Path> dataDir() {
    return Optional.ofNullable(dataDir);
  }

  /** The download cache, if the user named one. */
  public Optional<Path> cacheDir() {
    return Optional.ofNullable(cacheDir);
  }

  /** The run directory for the trained weights, if the user named one. */
  public Optional<Path> outputDir() {
    return Optional.ofNullable(outputDir);
  }

  /**
   * The model base directory to export a SavedModel version into after training; empty: no
   * export.
   */
  public Optional<Path> exportDir() {
    return Optional.ofNullable(exportDir);
  }

  /** Where to run: {@code auto} (default), {@code cpu}, {@code gpu} or {@code gpu:N}. */
  public DeviceChoice device() {
    return device;
  }

  /** The largest share of the GPU's memory to use, 0..1; 0 (default) lets it grow as needed. */
  public double gpuMemoryFraction() {
    return gpuMemoryFraction;
  }

  /** Save a resumable checkpoint every this many epochs (and after the last); 0: never. */
  public int checkpointEvery() {
    return checkpointEvery;
  }

  /** How many of the newest epoch checkpoints to keep. */
  public int keepCheckpoints() {
    return keepCheckpoints;
  }

  @Override
  public String toString() {
    return String.format(
        "dataset=%s variant=%s augment=%s epochs=%d batchSize=%d learningRate=%s"
            + " learningRateDecay=%s seed=%d limitTrain=%d device=%s",
        dataset.id(), variant.id(), augment, epochs, batchSize, learningRate, learningRateDecay,
        seed, limitTrain, device);
  }

  /** Collects and validates the configuration. Every setter checks its value at once. */
  public static final class Builder {
    private Dataset dataset = Dataset.fromId(Defaults.DATASET);
    private ModelVariant variant = ModelVariant.fromId(Defaults.VARIANT);
    private boolean augment = Boolean.parseBoolean(Defaults.AUGMENT);
    private boolean evaluateEachEpoch = Boolean.parseBoolean(Defaults.EVALUATE_EACH_EPOCH);
    private int epochs = Integer.parseInt(Defaults.EPOCHS);
    private int batchSize = Integer.parseInt(Defaults.BATCH_SIZE);
    private float learningRate = Float.parseFloat(Defaults.LEARNING_RATE);
    private float learningRateDecay = Float.parseFloat(Defaults.LEARNING_RATE_DECAY);
    private float beta1 = 0.9f;
    private float beta2 = 0.999f;
    private float epsilon = 1e-8f;
    private long seed = Long.parseLong(Defaults.SEED);
    private int limitTrain = Integer.parseInt(Defaults.LIMIT_TRAIN);
    private int logEvery = Integer.parseInt(Defaults.LOG_EVERY);
    private Path dataDir;
    private Path cacheDir;
    private Path outputDir;
    private Path exportDir;
    private DeviceChoice device = DeviceChoice.parse(Defaults.DEVICE);
    private double gpuMemoryFraction = Double.parseDouble(Defaults.GPU_MEMORY_FRACTION);
    private int checkpointEvery = Integer.parseInt(Defaults.CHECKPOINT_EVERY);
    private int keepCheckpoints = Integer.parseInt(Defaults.KEEP_CHECKPOINTS);

    private Builder() {}

    public Builder dataset(Dataset value) {
      this.dataset = Objects.requireNonNull(value, "dataset");
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

    /** Evaluate the test set after every epoch (default) or only after the last. */
    public Builder evaluateEachEpoch(boolean value) {
      this.evaluateEachEpoch = value;
      return this;
    }

    public Builder epochs(int value) {
      this.epochs = inRange("epochs", value, 1, MAX_EPOCHS);
      return this;
    }

    public Builder batchSize(int value) {
      this.batchSize = inRange("batchSize", value, 1, MAX_BATCH_SIZE);
      return this;
    }

    public Builder learningRate(double value) {
      this.learningRate = positiveAtMost("learningRate", value, 10.0);
      return this;
    }

    /** Multiply the learning rate by this after every epoch, in (0, 1]; 1 keeps it constant. */
    public Builder learningRateDecay(double value) {
      this.learningRateDecay = positiveAtMost("learningRateDecay", value, 1.0);
      return this;
    }

    public Builder beta1(double value) {
      this.beta1 = unitInterval("beta1", value);
      return this;
    }

    public Builder beta2(double value) {
      this.beta2 = unitInterval("beta2", value);
      return this;
    }

    public Builder epsilon(double value) {
      this.epsilon = positiveAtMost("epsilon", value, 1.0);
      return this;
    }

    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    public Builder limitTrain(int value) {
      this.limitTrain = inRange("limitTrain", value, 0, Integer.MAX_VALUE);
      return this;
    }

    public Builder logEvery(int value) {
      this.logEvery = inRange("logEvery", value, 1, Integer.MAX_VALUE);
      return this;
    }

    /** A directory holding the four IDX files (raw or gzipped); null to use the cache. */
    public Builder dataDir(Path value) {
      this.dataDir = value;
      return this;
    }

    /** The download cache; null for the default ({@code ~/.lenet5/datasets}). */
    public Builder cacheDir(Path value) {
      this.cacheDir = value;
      return this;
    }

    /** The run directory; null for a new directory under {@code runs/}. */
    public Builder outputDir(Path value) {
      this.outputDir = value;
      return this;
    }

    /**
     * Export the trained model as the next SavedModel version under this base directory (the
     * path TensorFlow Serving watches); null, the default, exports nothing.
     */
    public Builder exportDir(Path value) {
      this.exportDir = value;
      return this;
    }

    /** The device: {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N}. */
    public Builder device(String value) {
      try {
        return device(DeviceChoice.parse(value));
      } catch (IllegalArgumentException e) {
        throw new InvalidConfigException("device", e.getMessage());
      }
    }

    /** The device. */
    public Builder device(DeviceChoice value) {
      this.device = Objects.requireNonNull(value, "device");
      return this;
    }

    /** Caps the share of GPU memory TensorFlow takes, in (0, 1]; 0 lets it grow as needed. */
    public Builder gpuMemoryFraction(double value) {
      if (!(value >= 0 && value <= 1)) {
        throw new InvalidConfigException(
            "gpuMemoryFraction", "must be a number from 0 to 1 (0: grow as needed), got " + value);
      }
      this.gpuMemoryFraction = value;
      return this;
    }

    /** Save a resumable checkpoint every this many epochs; 0 saves none. */
    public Builder checkpointEvery(int value) {
      this.checkpointEvery = inRange("checkpointEvery", value, 0, MAX_EPOCHS);
      return this;
    }

    /** How many of the newest epoch checkpoints to keep, at least 1. */
    public Builder keepCheckpoints(int value) {
      this.keepCheckpoints = inRange("keepCheckpoints", value, 1, 1000);
      return this;
    }

    /** The configuration. */
    public TrainingConfig build() {
      if (limitTrain != 0 && batchSize > limitTrain) {
        throw new InvalidConfigException(
            "batchSize",
            "must not exceed the " + limitTrain + " training images (limitTrain), got "
                + batchSize);
      }
      return new TrainingConfig(this);
    }

    private static int inRange(String name, int value, int min, int max) {
      if (value < min || value > max) {
        throw new InvalidConfigException(
            name,
            max == Integer.MAX_VALUE
                ? "must be at least " + min + ", got " + value
                : "must be between " + min + " and " + max + ", got " + value);
      }
      return value;
    }

    private static float positiveAtMost(String name, double value, double max) {
      if (!(value > 0 && value <= max)) {
        throw new InvalidConfigException(
            name, "must be a number greater than 0 and at most " + max + ", got " + value);
      }
      return (float) value;
    }

    private static float unitInterval(String name, double value) {
      if (!(value >= 0 && value < 1)) {
        throw new InvalidConfigException(
            name, "must be a number from 0 (inclusive) to 1 (exclusive), got " + value);
      }
      return (float) value;
    }
  }
}
