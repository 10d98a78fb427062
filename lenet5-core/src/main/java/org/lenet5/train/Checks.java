package org.lenet5.train;

import java.util.function.Function;
import org.lenet5.Lenet5Exception;

/**
 * The checks a {@link RecipeParameter} or {@link RunSetting} declares for its values, which the
 * {@link Recipe} and {@link RunSettings} builders apply: each refuses a value with an {@link
 * InvalidConfigException} naming the parameter.
 */
final class Checks {

  private Checks() {}

  /** A check of a parameter's value. */
  @FunctionalInterface
  interface Check {
    /**
     * @throws InvalidConfigException naming {@code id} if {@code value} is not acceptable
     */
    void require(String id, Object value);
  }

  /** Accepts every value. */
  static Check any() {
    return (id, value) -> {};
  }

  /** An integer from {@code min} to {@code max}, both included. */
  static Check between(int min, int max) {
    return (id, value) -> {
      int number = ((Number) value).intValue();
      if (number < min || number > max) {
        throw new InvalidConfigException(
            id,
            max == Integer.MAX_VALUE
                ? "must be at least " + min + ", got " + number
                : "must be between " + min + " and " + max + ", got " + number);
      }
    };
  }

  /** A number greater than 0 and at most {@code max}. */
  static Check positiveAtMost(double max) {
    return (id, value) -> {
      double number = ((Number) value).doubleValue();
      if (!(number > 0 && number <= max)) {
        throw new InvalidConfigException(
            id, "must be a number greater than 0 and at most " + max + ", got " + number);
      }
    };
  }

  /** A number from 0 (included) to 1 (excluded). */
  static Check unitInterval() {
    return (id, value) -> {
      double number = ((Number) value).doubleValue();
      if (!(number >= 0 && number < 1)) {
        throw new InvalidConfigException(
            id, "must be a number from 0 (inclusive) to 1 (exclusive), got " + number);
      }
    };
  }

  /** A number from 0 to 100, both included: {@code what}, e.g. {@code a percentage}. */
  static Check percentage(String what) {
    return (id, value) -> {
      double number = ((Number) value).doubleValue();
      if (!(number >= 0 && number <= 100)) {
        throw new InvalidConfigException(
            id, "must be " + what + " from 0 to 100, got " + value);
      }
    };
  }

  /** A number from 0 to 1, both included, where 0 means what {@code zero} says. */
  static Check fraction(String zero) {
    return (id, value) -> {
      double number = ((Number) value).doubleValue();
      if (!(number >= 0 && number <= 1)) {
        throw new InvalidConfigException(
            id, "must be a number from 0 to 1 (0: " + zero + "), got " + number);
      }
    };
  }

  /**
   * The value a name stands for, e.g. a model variant.
   *
   * @param what what the name should be, e.g. {@code a model variant}
   * @param choose the names to choose from, e.g. {@code choose one of reference, classic}
   * @throws InvalidConfigException naming {@code id}, the name and the choices if {@code byName}
   *     knows no such name
   */
  static <T> T named(
      String id, String name, Function<String, T> byName, String what, String choose) {
    try {
      return byName.apply(name);
    } catch (Lenet5Exception e) {
      throw InvalidConfigException.unknownName(id, name, what, choose);
    }
  }
}
