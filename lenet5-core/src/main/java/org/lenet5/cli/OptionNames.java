package org.lenet5.cli;

import org.lenet5.train.ParameterNames.Cli;
import org.lenet5.train.RecipeParameter;
import picocli.CommandLine.Model.CommandSpec;

/** Maps configuration parameter names ({@code batchSize}) to command-line options. */
final class OptionNames {

  private OptionNames() {}

  /**
   * The value of the option that sets {@code parameter}, as picocli converted it, or null if the
   * command line does not give that option.
   */
  static Object given(CommandSpec spec, RecipeParameter parameter) {
    return spec.commandLine().getParseResult().matchedOptionValue(of(parameter.id()), null);
  }

  /** The option of a library name: {@code batchSize} becomes {@code --batch-size}. */
  static String of(String parameter) {
    return Cli.of(parameter);
  }
}
