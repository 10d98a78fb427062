package org.lenet5.cli;

import org.lenet5.frontend.ParameterNames.Cli;
import org.lenet5.train.Recipe;
import org.lenet5.train.RunSettings;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Takes the training options' defaults from {@link Recipe#reference()} and {@link
 * RunSettings#defaults()}, the one source.
 */
final class TrainingDefaults implements IDefaultValueProvider {

  private static final Recipe RECIPE = Recipe.reference();
  private static final RunSettings SETTINGS = RunSettings.defaults();

  @Override
  public String defaultValue(ArgSpec argument) {
    if (!(argument instanceof OptionSpec option)) {
      return null;
    }
    return switch (option.longestName()) {
      case Cli.VARIANT -> RECIPE.variant().id();
      case Cli.EPOCHS -> String.valueOf(RECIPE.epochs());
      case Cli.BATCH_SIZE -> String.valueOf(RECIPE.batchSize());
      case Cli.LEARNING_RATE -> String.valueOf(RECIPE.learningRate());
      case Cli.LEARNING_RATE_DECAY -> String.valueOf(RECIPE.learningRateDecay());
      case Cli.SEED -> String.valueOf(RECIPE.seed());
      case Cli.LIMIT_TRAIN -> String.valueOf(RECIPE.limitTrain());
      case Cli.EARLY_STOP -> String.valueOf(RECIPE.earlyStop());
      case Cli.KEEP -> RECIPE.keep().id();
      case Cli.LOG_EVERY -> String.valueOf(SETTINGS.logEvery());
      case Cli.DEVICE -> SETTINGS.device().toString();
      case Cli.CHECKPOINT_EVERY -> String.valueOf(SETTINGS.checkpointEvery());
      case Cli.KEEP_CHECKPOINTS -> String.valueOf(SETTINGS.keepCheckpoints());
      case Cli.GPU_MEMORY_FRACTION -> String.valueOf(SETTINGS.gpuMemoryFraction());
      default -> null;
    };
  }
}
