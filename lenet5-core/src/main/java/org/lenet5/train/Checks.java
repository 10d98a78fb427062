package org.lenet5.train;

/** The range checks of the {@link Recipe} and {@link RunSettings} builders. */
final class Checks {

  private Checks() {}

  static int inRange(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new InvalidConfigException(
          name,
          max == Integer.MAX_VALUE
              ? "must be at least " + min + ", got " + value
              : "must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  static float positiveAtMost(String name, double value, double max) {
    if (!(value > 0 && value <= max)) {
      throw new InvalidConfigException(
          name, "must be a number greater than 0 and at most " + max + ", got " + value);
    }
    return (float) value;
  }

  static float unitInterval(String name, double value) {
    if (!(value >= 0 && value < 1)) {
      throw new InvalidConfigException(
          name, "must be a number from 0 (inclusive) to 1 (exclusive), got " + value);
    }
    return (float) value;
  }
}
