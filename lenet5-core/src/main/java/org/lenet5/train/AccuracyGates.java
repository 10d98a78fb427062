package org.lenet5.train;

import java.util.OptionalDouble;

/**
 * What a model must reach to pass verification: a lowest test accuracy, and optionally a largest
 * drop below a baseline model's, both in percent. Checked when made, so that every front end
 * words a value out of range the same way ({@link InvalidConfigException} naming the parameter).
 *
 * @param minAccuracy the lowest acceptable test accuracy, 0-100 percent
 * @param maxAccuracyDrop the largest acceptable drop below the baseline, 0-100 percentage points;
 *     empty for no regression gate
 */
public record AccuracyGates(double minAccuracy, OptionalDouble maxAccuracyDrop) {

  /**
   * Checks both values.
   *
   * @throws InvalidConfigException naming {@code minAccuracy} or {@code maxAccuracyDrop}
   */
  public AccuracyGates {
    Checks.percentage("a percentage").require("minAccuracy", minAccuracy);
    if (maxAccuracyDrop.isPresent()) {
      Checks.percentage("a number of percentage points")
          .require("maxAccuracyDrop", maxAccuracyDrop.getAsDouble());
    }
  }
}
