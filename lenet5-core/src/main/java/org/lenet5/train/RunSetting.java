package org.lenet5.train;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.lenet5.device.DeviceChoice;

/**
 * The settings of a {@link RunSettings}, named as {@link RunSettings.Builder} names them: the one
 * list from which settings are written as text and read back ({@link RunSettings#values()}), the
 * ones a checkpoint records picked ({@link #recordedByRuns()}), and a front end's options set
 * ({@link #setGiven}).
 */
public enum RunSetting implements ParameterDescriptor {
  EVALUATE_EACH_EPOCH("evaluateEachEpoch", true, RunSettings::evaluateEachEpoch, Boolean::valueOf,
      (builder, value) -> builder.evaluateEachEpoch((Boolean) value),
      Checks.any(), Offer.of(Exposure.FRONT_END, Boolean.class, Defaults.EVALUATE_EACH_EPOCH)),
  LOG_EVERY("logEvery", true, RunSettings::logEvery, Integer::valueOf,
      (builder, value) -> builder.logEvery(((Number) value).intValue()),
      Checks.between(1, Integer.MAX_VALUE),
      Offer.option(Integer.class, Defaults.LOG_EVERY, "STEPS",
          "Print the loss every this many steps")),
  CHECKPOINT_EVERY("checkpointEvery", true, RunSettings::checkpointEvery, Integer::valueOf,
      (builder, value) -> builder.checkpointEvery(((Number) value).intValue()),
      Checks.between(0, Recipe.MAX_EPOCHS),
      Offer.option(Integer.class, Defaults.CHECKPOINT_EVERY, "EPOCHS",
          "Save a resumable checkpoint every this many epochs; 0: none")),
  KEEP_CHECKPOINTS("keepCheckpoints", true, RunSettings::keepCheckpoints, Integer::valueOf,
      (builder, value) -> builder.keepCheckpoints(((Number) value).intValue()),
      Checks.between(1, 1000),
      Offer.option(Integer.class, Defaults.KEEP_CHECKPOINTS, "N",
          "Keep the newest N checkpoints")),
  DATA_DIR("dataDir", false, settings -> settings.dataDir().orElse(null), Path::of,
      (builder, value) -> builder.dataDir((Path) value),
      Checks.any(), Offer.of(Exposure.DATA, Path.class, null)),
  CACHE_DIR("cacheDir", false, settings -> settings.cacheDir().orElse(null), Path::of,
      (builder, value) -> builder.cacheDir((Path) value),
      Checks.any(), Offer.of(Exposure.DATA, Path.class, null)),
  OUTPUT_DIR("outputDir", false, settings -> settings.outputDir().orElse(null), Path::of,
      (builder, value) -> builder.outputDir((Path) value),
      Checks.any(), Offer.of(Exposure.FRONT_END, Path.class, null)),
  EXPORT_DIR("exportDir", false, settings -> settings.exportDir().orElse(null), Path::of,
      (builder, value) -> builder.exportDir((Path) value),
      Checks.any(), Offer.of(Exposure.FRONT_END, Path.class, null)),
  DEVICE("device", false, RunSettings::device, DeviceChoice::parse,
      (builder, value) -> builder.device(value.toString()),
      Checks.any(),
      Offer.option(String.class, Defaults.DEVICE, "DEVICE",
          "auto (a GPU if TensorFlow sees one, else the CPU), cpu, gpu or gpu:N. A GPU needs the"
              + " GPU build, see docs/gpu.md")),
  GPU_MEMORY_FRACTION("gpuMemoryFraction", false, RunSettings::gpuMemoryFraction,
      Double::valueOf, (builder, value) -> builder.gpuMemoryFraction(((Number) value).doubleValue()),
      Checks.fraction("grow as needed"),
      Offer.option(Double.class, Defaults.GPU_MEMORY_FRACTION, "FRACTION",
          "Cap TensorFlow's share of GPU memory, 0-1; 0 lets it grow as needed"));

  private final String id;
  private final boolean recordedByRuns;
  private final Function<RunSettings, Object> value;
  private final Function<String, Object> parser;
  private final BiConsumer<RunSettings.Builder, Object> setter;
  private final Checks.Check check;
  private final Offer offer;

  RunSetting(
      String id,
      boolean recordedByRuns,
      Function<RunSettings, Object> value,
      Function<String, Object> parser,
      BiConsumer<RunSettings.Builder, Object> setter,
      Checks.Check check,
      Offer offer) {
    this.id = id;
    this.recordedByRuns = recordedByRuns;
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
   * Refuses a value out of this setting's range.
   *
   * @throws InvalidConfigException naming the setting
   */
  void check(Number value) {
    check.require(id, value);
  }

  /**
   * Whether it belongs to the run rather than to the caller: how the run checkpoints, logs and
   * evaluates, which its checkpoints record and a resumed run keeps unless given another; where
   * it reads and writes and the device are each caller's own.
   */
  public boolean recordedByRuns() {
    return recordedByRuns;
  }

  /** The setting's value in {@code settings}, if it has one (a directory may be unset). */
  public Optional<Object> valueIn(RunSettings settings) {
    return Optional.ofNullable(value.apply(settings));
  }

  /**
   * A value as {@link RunSettings#values()} writes it, read back.
   *
   * @throws IllegalArgumentException if it is malformed
   */
  Object parse(String text) {
    return parser.apply(text.trim());
  }

  /** Sets a value of the kind {@link #valueIn} holds, or a boxed number of another type. */
  void set(RunSettings.Builder builder, Object value) {
    setter.accept(builder, value);
  }

  /**
   * Sets the settings a front end was given over {@code builder}'s values: {@code given} maps
   * each setting to its value as the front end holds it (a path, a device name, a boxed boolean or
   * number), or to null when it was not given.
   */
  public static RunSettings.Builder setGiven(
      RunSettings.Builder builder, Function<RunSetting, Object> given) {
    for (RunSetting setting : values()) {
      Object value = given.apply(setting);
      if (value != null) {
        setting.set(builder, value);
      }
    }
    return builder;
  }
}
