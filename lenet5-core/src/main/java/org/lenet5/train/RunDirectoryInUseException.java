package org.lenet5.train;

import java.nio.file.Path;
import org.lenet5.Lenet5Exception;

/**
 * A new run was to start in a directory that holds checkpoints of an earlier run. Carries the
 * directory, so that each front end words the fix in its own terms: resume it ({@code --resume
 * DIR}, {@code -Dlenet5.resume=true}, {@link Trainer#resume}) or choose another directory.
 */
public final class RunDirectoryInUseException extends Lenet5Exception {

  private static final long serialVersionUID = 1L;

  private final transient Path runDirectory;

  RunDirectoryInUseException(Path runDirectory) {
    super(problem(runDirectory) + "; resume it with Trainer.resume(" + runDirectory
        + ", settings), or choose another output directory");
    this.runDirectory = runDirectory;
  }

  /** What is wrong, without the fix: {@code the output directory X holds checkpoints ...}. */
  public String problem() {
    return problem(runDirectory);
  }

  /** The run directory that holds the checkpoints. */
  public Path runDirectory() {
    return runDirectory;
  }

  private static String problem(Path runDirectory) {
    return "the output directory " + runDirectory + " holds checkpoints of an earlier run";
  }
}
