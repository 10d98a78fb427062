package org.lenet5.cli;

import org.lenet5.train.TrainingConfig;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Takes the training options' defaults from {@link TrainingConfig#defaults()}, the one source. */
final class TrainingDefaults implements IDefaultValueProvider {

  private static final TrainingConfig DEFAULTS = TrainingConfig.defaults();

  @Override
  public String defaultValue(ArgSpec argument) {
    if (!(argument instanceof OptionSpec option)) {
      return null;
    }
    return switch (option.longestName()) {
      case "--variant" -> DEFAULTS.variant().id();
      case "--epochs" -> String.valueOf(DEFAULTS.epochs());
      case "--batch-size" -> String.valueOf(DEFAULTS.batchSize());
      case "--learning-rate" -> String.valueOf(DEFAULTS.learningRate());
      case "--learning-rate-decay" -> String.valueOf(DEFAULTS.learningRateDecay());
      case "--seed" -> String.valueOf(DEFAULTS.seed());
      case "--limit-train" -> String.valueOf(DEFAULTS.limitTrain());
      case "--log-every" -> String.valueOf(DEFAULTS.logEvery());
      case "--device" -> DEFAULTS.device().toString();
      case "--checkpoint-every" -> String.valueOf(DEFAULTS.checkpointEvery());
      case "--keep-checkpoints" -> String.valueOf(DEFAULTS.keepCheckpoints());
      case "--gpu-memory-fraction" -> String.valueOf(DEFAULTS.gpuMemoryFraction());
      default -> null;
    };
  }
}
