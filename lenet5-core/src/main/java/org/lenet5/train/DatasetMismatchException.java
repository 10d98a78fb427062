package org.lenet5.train;

import org.lenet5.Lenet5Exception;
import org.lenet5.data.Dataset;

/**
 * A model was to be evaluated on another dataset than the one it was trained on. Carries both, so
 * that each front end can word the fix in its own terms ({@code --dataset}, {@code <dataset>}).
 */
public final class DatasetMismatchException extends Lenet5Exception {

  private static final long serialVersionUID = 1L;

  private final Dataset recorded;
  private final Dataset requested;

  DatasetMismatchException(Dataset recorded, Dataset requested) {
    super("the model was trained on " + recorded.id() + ", not on " + requested.id());
    this.recorded = recorded;
    this.requested = requested;
  }

  /** The dataset the model records it was trained on. */
  public Dataset recorded() {
    return recorded;
  }

  /** The dataset the caller asked to evaluate on. */
  public Dataset requested() {
    return requested;
  }
}
