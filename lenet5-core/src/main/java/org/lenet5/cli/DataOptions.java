package org.lenet5.cli;

import java.nio.file.Path;
import org.lenet5.Lenet5Exception;
import org.lenet5.data.DataSource;
import org.lenet5.data.Dataset;
import org.lenet5.data.DatasetLocator;
import org.lenet5.data.UnknownDataSourceException;
import org.lenet5.frontend.ParameterNames.Cli;
import org.lenet5.train.Defaults;
import org.lenet5.train.Recipe;
import org.lenet5.train.RunSettings;
import picocli.CommandLine.Option;

/** Where the dataset comes from; shared by every command that reads data. */
final class DataOptions {

  @Option(
      names = Cli.DATASET,
      paramLabel = "NAME|DIR",
      defaultValue = Defaults.DATASET,
      description =
          "Data: mnist, fashion-mnist, or a folder of your own images with one sub-folder per"
              + " class (train/ and test/ sub-folders for a test set of your own)"
              + " (default: ${DEFAULT-VALUE}; evaluate: the data the model records).")
  String dataset;

  @Option(
      names = Cli.DATA_DIR,
      paramLabel = "DIR",
      description =
          "Directory holding the four IDX files (raw or .gz). Default: $"
              + DatasetLocator.DATA_DIR_ENV
              + " if set, else the cache, downloading what is missing.")
  Path dataDir;

  @Option(
      names = Cli.CACHE_DIR,
      paramLabel = "DIR",
      description =
          "Download cache. Default: $" + DatasetLocator.CACHE_DIR_ENV
              + " if set, else ~/.lenet5/datasets.")
  Path cacheDir;

  @Option(
      names = {"-v", Cli.VERBOSE},
      description = "Show debug messages (and TensorFlow's native log, through ./lenet5).")
  boolean verbose;

  /**
   * The data source {@code --dataset} names (or its default).
   *
   * @throws Lenet5Exception naming {@code --dataset} if it names neither a dataset nor a folder
   */
  DataSource dataset() {
    try {
      return DataSource.of(dataset);
    } catch (UnknownDataSourceException e) {
      throw new Lenet5Exception(Cli.DATASET + ": " + e.getMessage());
    }
  }

  /**
   * The built-in dataset {@code --dataset} names, for the commands that fetch datasets.
   *
   * @throws Lenet5Exception naming {@code --dataset} if it names no built-in dataset
   */
  Dataset builtInDataset() {
    if (dataset() instanceof Dataset builtIn) {
      return builtIn;
    }
    throw new Lenet5Exception(
        Cli.DATASET + " " + dataset + " is a folder of your own images, which needs no download;"
            + " name a built-in dataset (" + Dataset.idList() + ")");
  }

  /** Where {@code --data-dir} and {@code --cache-dir} say the datasets' files are. */
  DatasetLocator locator() {
    return DatasetLocator.of(dataDir, cacheDir);
  }

  /** Sets the recipe's dataset. */
  Recipe.Builder applyTo(Recipe.Builder recipe) {
    return recipe.dataset(dataset());
  }

  /** Sets where the run reads its data. */
  RunSettings.Builder applyTo(RunSettings.Builder settings) {
    return settings.dataDir(dataDir).cacheDir(cacheDir);
  }
}
