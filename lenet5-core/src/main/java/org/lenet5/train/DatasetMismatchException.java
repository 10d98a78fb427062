package org.lenet5.train;

import org.lenet5.Lenet5Exception;

/**
 * A model was to be evaluated on other data than it was trained on (another dataset, or a folder
 * of other classes). Carries both, so
 * that each front end can word the fix in its own terms ({@code --dataset}, {@code <dataset>}).
 */
public final class DatasetMismatchException extends Lenet5Exception {

  private static final long serialVersionUID = 1L;

  private final String recorded;
  private final String requested;

  DatasetMismatchException(String recorded, String requested) {
    super("the model was trained on " + recorded + ", not on " + requested);
    this.recorded = recorded;
    this.requested = requested;
  }

  /** The data source the model records it was trained on. */
  public String recorded() {
    return recorded;
  }

  /** The data source the caller asked to evaluate on. */
  public String requested() {
    return requested;
  }
}
