package org.lenet5.cli;

import org.lenet5.HeapExhaustedException;
import org.lenet5.Lenet5Exception;
import org.lenet5.SettingException;
import org.lenet5.frontend.ParameterNames.Cli;
import org.lenet5.train.InvalidConfigException;
import org.lenet5.train.NothingToResumeException;
import org.lenet5.train.ResumeConflictException;
import org.lenet5.train.RunDirectoryInUseException;

/**
 * The core's errors worded for the command line: the fix names the option to give ({@code
 * --resume DIR}, {@code --data-dir}) where the core's own message names the library's method.
 */
final class CliMessages {

  private CliMessages() {}

  /** The one line to print after {@code lenet5: }. */
  static String of(Lenet5Exception e) {
    if (e instanceof HeapExhaustedException heap) {
      // The heap is raised through the launcher's LENET5_JAVA_OPTS, not a JVM option the user
      // never types.
      return "out of Java heap while " + heap.activity() + " ("
          + HeapExhaustedException.describe(heap.maxHeapBytes()) + "); give it more with"
          + " LENET5_JAVA_OPTS=" + heap.suggestedMaxHeap() + " (./lenet5 starts Java with "
          + Lenet5Command.LAUNCHER_HEAP + " unless told otherwise)";
    }
    if (e instanceof InvalidConfigException invalid) {
      return "invalid value for " + Cli.of(invalid.parameter()) + ": " + invalid.problem();
    }
    if (e instanceof SettingException setting) {
      return setting.message(Cli::of);
    }
    if (e instanceof RunDirectoryInUseException inUse) {
      return inUse.problem() + "; resume it (./lenet5 train --resume " + inUse.runDirectory()
          + "), or choose another --output";
    }
    if (e instanceof ResumeConflictException conflict) {
      String option = Cli.of(conflict.parameter().id());
      return "the run to resume was trained with " + option + " " + conflict.savedValue()
          + ", not " + conflict.askedValue()
          + conflict.namedRecipe().map(recipe -> " (" + Cli.RECIPE + " " + recipe + ")").orElse("")
          + "; leave " + (conflict.namedRecipe().isPresent() ? Cli.RECIPE : option)
          + " out to continue it, or start a new run without " + Cli.RESUME;
    }
    if (e instanceof NothingToResumeException nothing) {
      return "nothing to resume: " + nothing.problem() + "; start a new run without --resume";
    }
    return e.getMessage();
  }
}
