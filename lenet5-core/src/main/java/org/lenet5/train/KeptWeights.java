package org.lenet5.train;

import java.util.Locale;
import org.lenet5.Lenet5Exception;

/** Which weights a run keeps, saves and exports. */
public enum KeptWeights {

  /** The weights after the last epoch trained. */
  LAST("last"),

  /**
   * The weights after the epoch of best validation accuracy (the first of equals), restored bit
   * for bit from the checkpoint saved at that epoch.
   */
  BEST("best");

  private final String id;

  KeptWeights(String id) {
    this.id = id;
  }

  /** The name front ends and records use: {@code last} or {@code best}. */
  public String id() {
    return id;
  }

  /**
   * The choice named {@code id}.
   *
   * @throws Lenet5Exception if there is none by that name
   */
  public static KeptWeights fromId(String id) {
    for (KeptWeights kept : values()) {
      if (kept.id.equals(id.trim().toLowerCase(Locale.ROOT))) {
        return kept;
      }
    }
    throw new Lenet5Exception("unknown choice of weights '" + id + "'; choose last or best");
  }

  @Override
  public String toString() {
    return id;
  }
}
