package org.lenet5.cli;

import org.lenet5.frontend.ParameterNames.Cli;
import org.lenet5.train.RecipeParameter;
import picocli.CommandLine.Model.CommandSpec;

/** The value the command line gives a recipe parameter. */
final class OptionNames {

  private OptionNames() {}

  /**
   * The value of the option that sets {@code parameter}, as picocli converted it, or null if the
   * command line does not give that option.
   */
  static Object given(CommandSpec spec, RecipeParameter parameter) {
    return spec.commandLine().getParseResult().matchedOptionValue(Cli.of(parameter.id()), null);
  }
}
