package org.lenet5.device;

import java.util.Locale;

/**
 * Where the user wants the model to run: {@code auto} (a GPU when TensorFlow sees one, else the
 * CPU), {@code cpu}, {@code gpu} (the first GPU) or {@code gpu:N}.
 *
 * @param kind what was asked for
 * @param gpuIndex the GPU's index for {@link Kind#GPU}, else 0
 */
public record DeviceChoice(Kind kind, int gpuIndex) {

  /** The kinds of choice. */
  public enum Kind {
    AUTO,
    CPU,
    GPU
  }

  /** The default: a GPU if there is one, else the CPU. */
  public static final DeviceChoice AUTO = new DeviceChoice(Kind.AUTO, 0);

  /**
   * Parses {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N} (case-insensitive).
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static DeviceChoice parse(String text) {
    String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    switch (value) {
      case "auto":
        return AUTO;
      case "cpu":
        return new DeviceChoice(Kind.CPU, 0);
      case "gpu":
        return new DeviceChoice(Kind.GPU, 0);
      default:
        if (value.matches("gpu:[0-9]{1,3}")) {
          return new DeviceChoice(Kind.GPU, Integer.parseInt(value.substring(4)));
        }
        throw new IllegalArgumentException(
            "must be auto, cpu, gpu or gpu:N (N = 0, 1, ...), got '" + text + "'");
    }
  }

  @Override
  public String toString() {
    return switch (kind) {
      case AUTO -> "auto";
      case CPU -> "cpu";
      case GPU -> "gpu:" + gpuIndex;
    };
  }
}
