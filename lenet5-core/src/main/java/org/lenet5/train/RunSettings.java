package org.lenet5.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.lenet5.data.DatasetLocator;
import org.lenet5.device.DeviceChoice;

/**
 * How a run goes, as opposed to what it trains ({@link Recipe}): where the data comes from,
 * where the run and the export are written, the device, how often it checkpoints, logs and
 * evaluates. None of these change the weights, so a resumed run takes them afresh from its
 * caller. Immutable; build one with {@link #builder()}.
 */
public final class RunSettings {

  private static final RunSettings DEFAULTS = builder().build();

  private final boolean evaluateEachEpoch;
  private final int logEvery;
  private final Path dataDir;
  private final Path cacheDir;
  private final Path outputDir;
  private final Path exportDir;
  private final DeviceChoice device;
  private final double gpuMemoryFraction;
  private final int checkpointEvery;
  private final int keepCheckpoints;

  private RunSettings(Builder builder) {
    this.evaluateEachEpoch = builder.evaluateEachEpoch;
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

  /** A builder holding the defaults ({@link Defaults}). */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The defaults: data from the download cache, a new run directory under {@code runs/}, no
   * export, the device {@code auto}, a checkpoint every epoch (3 kept), a loss line every 400
   * steps, the test set evaluated after every epoch.
   */
  public static RunSettings defaults() {
    return DEFAULTS;
  }

  /** A builder that starts from these settings. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.evaluateEachEpoch = evaluateEachEpoch;
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

  /**
   * Whether every epoch ends with an evaluation on the test set, for the learning curves; the
   * final evaluation happens either way.
   */
  public boolean evaluateEachEpoch() {
    return evaluateEachEpoch;
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

  /** Where the datasets' files are found: {@link #dataDir()}, else {@link #cacheDir()}. */
  public DatasetLocator dataLocator() {
    return DatasetLocator.of(dataDir, cacheDir);
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

  /**
   * The settings as text, by the builder methods' names ({@code keepCheckpoints=3}), in {@link
   * RunSetting}'s order; a directory that is not set is left out. For handing a run to another
   * JVM, as {@link #fromValues} reads it back.
   */
  public Map<String, String> values() {
    Map<String, String> values = new LinkedHashMap<>();
    for (RunSetting setting : RunSetting.values()) {
      setting.valueIn(this).ifPresent(value -> values.put(setting.id(), value.toString()));
    }
    return values;
  }

  /**
   * Reads settings written by {@link #values()}; what is missing takes its default.
   *
   * @throws IllegalArgumentException if a value is malformed
   * @throws InvalidConfigException if a value is out of range
   */
  public static RunSettings fromValues(Map<String, String> values) {
    return RunSetting.setGiven(
            builder(),
            setting ->
                values.containsKey(setting.id()) ? setting.parse(values.get(setting.id())) : null)
        .build();
  }

  @Override
  public String toString() {
    return values().toString();
  }

  /** Collects and validates the settings. Every setter checks its value at once. */
  public static final class Builder {
    private boolean evaluateEachEpoch;
    private int logEvery;
    private Path dataDir;
    private Path cacheDir;
    private Path outputDir;
    private Path exportDir;
    private DeviceChoice device;
    private double gpuMemoryFraction;
    private int checkpointEvery;
    private int keepCheckpoints;

    /** Starts from every setting's default ({@link RunSetting#defaultValue()}). */
    private Builder() {
      for (RunSetting setting : RunSetting.values()) {
        setting.defaultValue().ifPresent(value -> setting.set(this, setting.parse(value)));
      }
    }

    /** Evaluate the test set after every epoch (default) or only after the last. */
    public Builder evaluateEachEpoch(boolean value) {
      this.evaluateEachEpoch = value;
      return this;
    }

    /** Report the loss every this many steps, at least 1. */
    public Builder logEvery(int value) {
      this.logEvery = checked(RunSetting.LOG_EVERY, value);
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
      RunSetting.GPU_MEMORY_FRACTION.check(value);
      this.gpuMemoryFraction = value;
      return this;
    }

    /** Save a resumable checkpoint every this many epochs; 0 saves none. */
    public Builder checkpointEvery(int value) {
      this.checkpointEvery = checked(RunSetting.CHECKPOINT_EVERY, value);
      return this;
    }

    /** How many of the newest epoch checkpoints to keep, at least 1. */
    public Builder keepCheckpoints(int value) {
      this.keepCheckpoints = checked(RunSetting.KEEP_CHECKPOINTS, value);
      return this;
    }

    private static int checked(RunSetting setting, int value) {
      setting.check(value);
      return value;
    }

    /** The settings. */
    public RunSettings build() {
      return new RunSettings(this);
    }
  }
}
