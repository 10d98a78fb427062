package org.lenet5.train;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * When a run stops and which epoch's weights it keeps, decided from its epochs' recorded
 * validation figures alone ({@link Recipe#monitor()}: accuracy or loss), so that a resumed run
 * decides as the uninterrupted one did.
 */
final class EarlyStopping {

  private EarlyStopping() {}

  /** The epoch of the best monitored figure so far, the first of equals; empty before any. */
  static OptionalInt bestEpoch(Recipe recipe, List<EpochResult> epochs) {
    Monitor monitor = recipe.monitor();
    OptionalInt best = OptionalInt.empty();
    double bestValue = Double.NaN;
    for (EpochResult epoch : epochs) {
      OptionalDouble value = monitor.of(epoch);
      if (value.isPresent()
          && (best.isEmpty() || monitor.improvement(value.getAsDouble(), bestValue) > 0)) {
        bestValue = value.getAsDouble();
        best = OptionalInt.of(epoch.epoch());
      }
    }
    return best;
  }

  /**
   * Whether {@code recipe} stops after {@code epochs}: early stopping is on and the last {@link
   * Recipe#earlyStop()} epochs brought no monitored figure better than the best before them by
   * more than {@link Recipe#earlyStopMinDelta()}.
   */
  static boolean stopsAfter(Recipe recipe, List<EpochResult> epochs) {
    if (recipe.earlyStop() == 0 || epochs.isEmpty()) {
      return false;
    }
    Monitor monitor = recipe.monitor();
    // The last epoch that beat every one before it by more than the minimum improvement.
    int improved = 0;
    boolean scored = false;
    double best = Double.NaN;
    for (EpochResult epoch : epochs) {
      OptionalDouble value = monitor.of(epoch);
      if (value.isPresent()) {
        double figure = value.getAsDouble();
        if (!scored || monitor.improvement(figure, best) > recipe.earlyStopMinDelta()) {
          improved = epoch.epoch();
        }
        if (!scored || monitor.improvement(figure, best) > 0) {
          best = figure;
        }
        scored = true;
      }
    }
    return improved > 0 && epochs.size() - improved >= recipe.earlyStop();
  }
}
