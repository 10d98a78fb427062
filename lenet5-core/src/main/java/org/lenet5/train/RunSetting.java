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
public enum RunSetting {
  EVALUATE_EACH_EPOCH("evaluateEachEpoch", true, RunSettings::evaluateEachEpoch, Boolean::valueOf,
      (builder, value) -> builder.evaluateEachEpoch((Boolean) value)),
  LOG_EVERY("logEvery", true, RunSettings::logEvery, Integer::valueOf,
      (builder, value) -> builder.logEvery(((Number) value).intValue())),
  CHECKPOINT_EVERY("checkpointEvery", true, RunSettings::checkpointEvery, Integer::valueOf,
      (builder, value) -> builder.checkpointEvery(((Number) value).intValue())),
  KEEP_CHECKPOINTS("keepCheckpoints", true, RunSettings::keepCheckpoints, Integer::valueOf,
      (builder, value) -> builder.keepCheckpoints(((Number) value).intValue())),
  DATA_DIR("dataDir", false, settings -> settings.dataDir().orElse(null), Path::of,
      (builder, value) -> builder.dataDir((Path) value)),
  CACHE_DIR("cacheDir", false, settings -> settings.cacheDir().orElse(null), Path::of,
      (builder, value) -> builder.cacheDir((Path) value)),
  OUTPUT_DIR("outputDir", false, settings -> settings.outputDir().orElse(null), Path::of,
      (builder, value) -> builder.outputDir((Path) value)),
  EXPORT_DIR("exportDir", false, settings -> settings.exportDir().orElse(null), Path::of,
      (builder, value) -> builder.exportDir((Path) value)),
  DEVICE("device", false, RunSettings::device, DeviceChoice::parse,
      (builder, value) -> builder.device(value.toString())),
  GPU_MEMORY_FRACTION("gpuMemoryFraction", false, RunSettings::gpuMemoryFraction,
      Double::valueOf, (builder, value) -> builder.gpuMemoryFraction(((Number) value).doubleValue()));

  private final String id;
  private final boolean recordedByRuns;
  private final Function<RunSettings, Object> value;
  private final Function<String, Object> parser;
  private final BiConsumer<RunSettings.Builder, Object> setter;

  RunSetting(
      String id,
      boolean recordedByRuns,
      Function<RunSettings, Object> value,
      Function<String, Object> parser,
      BiConsumer<RunSettings.Builder, Object> setter) {
    this.id = id;
    this.recordedByRuns = recordedByRuns;
    this.value = value;
    this.parser = parser;
    this.setter = setter;
  }

  /** The builder method's name, e.g. {@code keepCheckpoints}. */
  public String id() {
    return id;
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
        setting.setter.accept(builder, value);
      }
    }
    return builder;
  }
}
