package org.lenet5.cli;

import org.lenet5.frontend.ParameterNames.Cli;
import picocli.CommandLine.Model.CommandSpec;

/** The value the command line gives a recipe parameter or a run setting. */
final class OptionNames {

  private OptionNames() {}

  /**
   * The value of the option of the library's {@code name} ({@code batchSize}: {@code
   * --batch-size}), as picocli converted it, or null if the command line does not give it.
   */
  static Object given(CommandSpec spec, String name) {
    return spec.commandLine().getParseResult().matchedOptionValue(Cli.of(name), null);
  }
}
