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
  private final boolean namesAChoice;

  InvalidConfigException(String parameter, String problem) {
    this(parameter, problem, false);
  }

  private InvalidConfigException(String parameter, String problem, boolean namesAChoice) {
    super(parameter + " " + problem);
    this.parameter = parameter;
    this.problem = problem;
    this.namesAChoice = namesAChoice;
  }

  /**
   * A name that is none of the parameter's choices, e.g. {@code 'resnet' is not a model variant;
   * choose one of reference, no-batchnorm, classic}.
   *
   * @param what what the name should be, e.g. {@code a model variant}
   * @param choose the names to choose from, e.g. {@code choose one of reference, classic}
   */
  static InvalidConfigException unknownName(
      String parameter, String name, String what, String choose) {
    return new InvalidConfigException(
        parameter, "'" + name + "' is not " + what + "; " + choose, true);
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

  /**
   * Whether the value is a name the parameter does not know ({@link #problem()} quotes it and
   * lists the choices), rather than a value out of range.
   */
  public boolean namesAChoice() {
    return namesAChoice;
  }
}
