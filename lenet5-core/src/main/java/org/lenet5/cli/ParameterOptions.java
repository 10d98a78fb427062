package org.lenet5.cli;

import java.util.stream.Stream;
import org.lenet5.frontend.ParameterNames.Cli;
import org.lenet5.train.ParameterDescriptor;
import org.lenet5.train.ParameterDescriptor.Exposure;
import org.lenet5.train.RecipeParameter;
import org.lenet5.train.RunSetting;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The train command's options for the recipe parameters and run settings, built from their
 * descriptors ({@link ParameterDescriptor.Exposure#OPTION}): {@code batchSize} becomes {@code
 * --batch-size N}, with the descriptor's type, default and help. {@link #given} reads a value back
 * by its descriptor, so an option and what reads it cannot be named apart.
 */
public final class ParameterOptions implements IModelTransformer {

  /** The descriptors the train command offers as options of their own name. */
  static Stream<ParameterDescriptor> offered() {
    return Stream.<ParameterDescriptor>concat(
            Stream.of(RecipeParameter.values()), Stream.of(RunSetting.values()))
        .filter(descriptor -> descriptor.exposure() == Exposure.OPTION);
  }

  @Override
  public CommandSpec transform(CommandSpec command) {
    offered().forEach(descriptor -> command.addOption(option(descriptor)));
    return command;
  }

  /** The option of a descriptor. */
  static OptionSpec option(ParameterDescriptor descriptor) {
    boolean flag = descriptor.type() == Boolean.class;
    OptionSpec.Builder option = OptionSpec.builder(Cli.of(descriptor.id())).type(descriptor.type());
    if (!flag) {
      option.paramLabel(descriptor.label());
    }
    if (descriptor.defaultValue().isPresent() && !flag) {
      option.defaultValue(descriptor.defaultValue().get())
          .description(descriptor.help() + " (default: ${DEFAULT-VALUE}).");
    } else {
      option.description(descriptor.help() + ".");
    }
    return option.build();
  }

  /**
   * The value the command line gives the option of {@code descriptor}, as picocli converted it
   * (a boxed number or boolean, a name), or null if it does not give it.
   */
  static Object given(CommandSpec spec, ParameterDescriptor descriptor) {
    return spec.commandLine().getParseResult().matchedOptionValue(Cli.of(descriptor.id()), null);
  }
}
