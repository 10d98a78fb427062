package org.lenet5.train;

import java.util.Locale;
import java.util.OptionalDouble;
import org.lenet5.Lenet5Exception;

/**
 * What early stopping and {@link KeptWeights#BEST} judge an epoch by: its validation accuracy
 * (higher is better) or its validation loss, the mean cross-entropy (lower is better).
 */
public enum Monitor {

  /** The share of validation images classified right. */
  ACCURACY("accuracy"),

  /** The mean cross-entropy of the validation images: it still moves when accuracy stalls. */
  LOSS("loss");

  private final String id;

  Monitor(String id) {
    this.id = id;
  }

  /** The name front ends and records use: {@code accuracy} or {@code loss}. */
  public String id() {
    return id;
  }

  /** The epoch's figure this judges by, if the epoch was scored. */
  OptionalDouble of(EpochResult epoch) {
    return this == ACCURACY ? epoch.testAccuracy() : epoch.testLoss();
  }

  /**
   * How much better {@code value} is than {@code best}: positive when it is better, in the
   * figure's own units.
   */
  double improvement(double value, double best) {
    return this == ACCURACY ? value - best : best - value;
  }

  /** The figure as messages show it: a percentage or a loss. */
  String format(double value) {
    return this == ACCURACY
        ? String.format(Locale.ROOT, "%.2f %%", 100 * value)
        : String.format(Locale.ROOT, "loss %.4f", value);
  }

  /**
   * The choice named {@code id}.
   *
   * @throws Lenet5Exception if there is none by that name
   */
  public static Monitor fromId(String id) {
    for (Monitor monitor : values()) {
      if (monitor.id.equals(id.trim().toLowerCase(Locale.ROOT))) {
        return monitor;
      }
    }
    throw new Lenet5Exception("unknown figure to monitor '" + id + "'; choose accuracy or loss");
  }

  @Override
  public String toString() {
    return id;
  }
}
