package org.lenet5.train;

import java.util.List;
import java.util.OptionalInt;

/**
 * When a run stops and which epoch's weights it keeps, decided from its epochs' validation
 * accuracies alone, so that a resumed run decides as the uninterrupted one did.
 */
final class EarlyStopping {

  private EarlyStopping() {}

  /** The epoch of best validation accuracy so far, the first of equals; empty before any. */
  static OptionalInt bestEpoch(List<EpochResult> epochs) {
    OptionalInt best = OptionalInt.empty();
    double bestAccuracy = Double.NEGATIVE_INFINITY;
    for (EpochResult epoch : epochs) {
      if (epoch.testAccuracy().isPresent() && epoch.testAccuracy().getAsDouble() > bestAccuracy) {
        bestAccuracy = epoch.testAccuracy().getAsDouble();
        best = OptionalInt.of(epoch.epoch());
      }
    }
    return best;
  }

  /**
   * Whether {@code recipe} stops after {@code epochs}: early stopping is on and the last {@link
   * Recipe#earlyStop()} epochs brought no validation accuracy better than the best before them by
   * more than {@link Recipe#earlyStopMinDelta()}.
   */
  static boolean stopsAfter(Recipe recipe, List<EpochResult> epochs) {
    if (recipe.earlyStop() == 0 || epochs.isEmpty()) {
      return false;
    }
    // The last epoch that beat every one before it by more than the minimum improvement.
    int improved = 0;
    double best = Double.NEGATIVE_INFINITY;
    for (EpochResult epoch : epochs) {
      if (epoch.testAccuracy().isPresent()) {
        double accuracy = epoch.testAccuracy().getAsDouble();
        if (accuracy > best + recipe.earlyStopMinDelta()) {
          improved = epoch.epoch();
        }
        best = Math.max(best, accuracy);
      }
    }
    return improved > 0 && epochs.size() - improved >= recipe.earlyStop();
  }
}
