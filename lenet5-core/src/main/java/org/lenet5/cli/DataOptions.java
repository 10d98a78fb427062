package org.lenet5.cli;

import java.nio.file.Path;
import org.lenet5.data.Dataset;
import org.lenet5.data.DatasetLocator;
import org.lenet5.train.Defaults;
import org.lenet5.train.TrainingConfig;
import picocli.CommandLine.Option;

/** Where the dataset comes from; shared by every command that reads data. */
final class DataOptions {

  @Option(
      names = "--dataset",
      paramLabel = "NAME",
      defaultValue = Defaults.DATASET,
      description = "Dataset: mnist or fashion-mnist (default: ${DEFAULT-VALUE}).")
  String dataset;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Directory holding the four IDX files (raw or .gz). Default: $"
              + DatasetLocator.DATA_DIR_ENV
              + " if set, else the cache, downloading what is missing.")
  Path dataDir;

  @Option(
      names = "--cache-dir",
      paramLabel = "DIR",
      description =
          "Download cache. Default: $" + DatasetLocator.CACHE_DIR_ENV
              + " if set, else ~/.lenet5/datasets.")
  Path cacheDir;

  @Option(
      names = {"-v", "--verbose"},
      description = "Show debug messages (and TensorFlow's native log, through ./lenet5).")
  boolean verbose;

  /** Applies these options to a configuration builder. */
  TrainingConfig.Builder applyTo(TrainingConfig.Builder builder) {
    return builder.dataset(Dataset.fromId(dataset)).dataDir(dataDir).cacheDir(cacheDir);
  }
}
