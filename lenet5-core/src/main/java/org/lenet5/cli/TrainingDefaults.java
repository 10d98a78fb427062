package org.lenet5.cli;

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
      case "--variant" -> RECIPE.variant().id();
      case "--epochs" -> String.valueOf(RECIPE.epochs());
      case "--batch-size" -> String.valueOf(RECIPE.batchSize());
      case "--learning-rate" -> String.valueOf(RECIPE.learningRate());
      case "--learning-rate-decay" -> String.valueOf(RECIPE.learningRateDecay());
      case "--seed" -> String.valueOf(RECIPE.seed());
      case "--limit-train" -> String.valueOf(RECIPE.limitTrain());
      case "--log-every" -> String.valueOf(SETTINGS.logEvery());
      case "--device" -> SETTINGS.device().toString();
      case "--checkpoint-every" -> String.valueOf(SETTINGS.checkpointEvery());
      case "--keep-checkpoints" -> String.valueOf(SETTINGS.keepCheckpoints());
      case "--gpu-memory-fraction" -> String.valueOf(SETTINGS.gpuMemoryFraction());
      default -> null;
    };
  }
}
