package org.lenet5.train;

import org.lenet5.Lenet5Exception;

/**
 * A run was to be resumed and there is none: no run directory, or no complete checkpoint in it.
 * Each front end words the fix in its own terms: start a new run (without {@code --resume},
 * without {@code -Dlenet5.resume=true}, with {@code new Trainer(recipe, settings)}).
 */
public final class NothingToResumeException extends Lenet5Exception {

  private static final long serialVersionUID = 1L;

  private final String problem;

  NothingToResumeException(String problem) {
    super("nothing to resume: " + problem + "; start a new run with new Trainer(recipe, settings)");
    this.problem = problem;
  }

  /** What is missing, e.g. {@code runs/x/checkpoints holds no complete checkpoint}. */
  public String problem() {
    return problem;
  }
}
