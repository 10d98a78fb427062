package org.lenet5.train;

import org.lenet5.Lenet5Exception;

/**
 * A configuration value is out of range. {@link #parameter()} is the builder method's name (e.g.
 * {@code batchSize}) so that each front end can name its own spelling ({@code --batch-size},
 * {@code lenet5.batchSize}).
 */
public final class InvalidConfigException extends Lenet5Exception {

  private static final long serialVersionUID = 1L;

  private final String parameter;
  private final String problem;

  InvalidConfigException(String parameter, String problem) {
    super(parameter + " " + problem);
    this.parameter = parameter;
    this.problem = problem;
  }

  /**
   * The parameter at fault, as named by {@link Recipe.Builder} or {@link RunSettings.Builder}.
   */
  public String parameter() {
    return parameter;
  }

  /** What is wrong with the value, e.g. {@code must be at least 1, got 0}. */
  public String problem() {
    return problem;
  }
}
