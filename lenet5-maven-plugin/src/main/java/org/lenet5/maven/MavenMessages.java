package org.lenet5.maven;

import java.util.function.UnaryOperator;
import org.lenet5.Lenet5Exception;
import org.lenet5.SettingException;
import org.lenet5.frontend.ParameterNames.Maven;
import org.lenet5.train.InvalidConfigException;
import org.lenet5.train.NothingToResumeException;
import org.lenet5.train.ResumeConflictException;
import org.lenet5.train.RunDirectoryInUseException;

/**
 * The core's errors worded for Maven: the fix names the parameter to set, as the POM element and
 * as the property ({@code <resume>} / {@code -Dlenet5.resume=true}), where the core's own message
 * names the library's method. Used where the error is caught — in Maven's JVM and in the forked
 * one, which passes the worded line back — and so knows nothing of how the parameter was set.
 */
final class MavenMessages {

  private MavenMessages() {}

  /** The one line of the {@code MojoFailureException}. */
  static String of(Lenet5Exception e) {
    if (e instanceof InvalidConfigException invalid) {
      return "Invalid " + parameter(invalid.parameter()) + ": " + invalid.problem();
    }
    if (e instanceof SettingException setting) {
      return setting.message(MavenMessages::parameter);
    }
    if (e instanceof RunDirectoryInUseException inUse) {
      return inUse.problem() + "; resume it (-D" + Maven.RESUME + "=true or"
          + " <resume>true</resume>), or choose another " + parameter("runsDir");
    }
    if (e instanceof NothingToResumeException nothing) {
      return "nothing to resume: " + nothing.problem() + "; start a new run without -D"
          + Maven.RESUME + "=true (<resume>)";
    }
    return e.getMessage();
  }

  /**
   * A resume refused for a recipe parameter of another value than the run's, with each parameter
   * named as {@code named} says, e.g. {@code epochs} as {@code <epochs>} where the POM sets it.
   */
  static String of(ResumeConflictException conflict, UnaryOperator<String> named) {
    String parameter = named.apply(conflict.parameter().id());
    String culprit = conflict.namedRecipe().isPresent() ? named.apply("recipe") : parameter;
    return "The run to resume (" + conflict.runDirectory() + ") was trained with " + parameter
        + " " + conflict.savedValue() + ", not " + conflict.askedValue()
        + conflict.namedRecipe().map(recipe -> " (" + culprit + " " + recipe + ")").orElse("")
        + "; leave " + culprit + " out to continue it, or start a new run without -D"
        + Maven.RESUME + "=true";
  }

  /** {@code dataDir} as {@code <dataDir> (lenet5.dataDir)}. */
  private static String parameter(String name) {
    return "<" + name + "> (" + Maven.of(name) + ")";
  }
}
