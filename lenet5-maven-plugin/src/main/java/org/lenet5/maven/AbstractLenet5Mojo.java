package org.lenet5.maven;

import java.io.File;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.lenet5.Lenet5Exception;
import org.lenet5.data.Dataset;
import org.lenet5.train.InvalidConfigException;
import org.lenet5.train.TrainingConfig;

/**
 * What every goal shares: the dataset parameters, {@code skip}, and the mapping of the core's
 * errors to Maven's. A {@link Lenet5Exception} (bad configuration or input) fails the build with a
 * {@link MojoFailureException} whose message names the parameter; anything else is a {@link
 * MojoExecutionException}.
 */
abstract class AbstractLenet5Mojo extends AbstractMojo {

  /** Dataset to train and evaluate on: {@code mnist} or {@code fashion-mnist}. */
  @Parameter(property = Properties.DATASET, defaultValue = "mnist")
  String dataset;

  /**
   * Directory holding the four IDX files (raw or gzipped). By default they are looked for in
   * {@code $LENET5_DATA_DIR}, else in the cache, and downloaded there if missing.
   */
  @Parameter(property = Properties.DATA_DIR)
  File dataDir;

  /** Download cache for datasets; by default {@code $LENET5_CACHE_DIR} or {@code ~/.lenet5/datasets}. */
  @Parameter(property = Properties.CACHE_DIR)
  File cacheDir;

  /** Skips the goal. */
  @Parameter(property = Properties.SKIP, defaultValue = "false")
  boolean skip;

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Skipping LeNet5 " + goal() + " (" + Properties.SKIP + " is true)");
      return;
    }
    try {
      run();
    } catch (InvalidConfigException e) {
      throw new MojoFailureException(
          "Invalid <" + e.parameter() + "> (" + Properties.PREFIX + e.parameter() + "): "
              + e.problem());
    } catch (Lenet5Exception e) {
      throw new MojoFailureException(e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new MojoExecutionException("LeNet5 " + goal() + " failed unexpectedly: " + e, e);
    }
  }

  /** The goal's name, for log lines. */
  abstract String goal();

  /** Does the goal's work; called unless skipped. */
  abstract void run() throws MojoFailureException;

  /** A configuration builder holding the dataset parameters. */
  TrainingConfig.Builder configBuilder() {
    return TrainingConfig.builder()
        .dataset(Dataset.fromId(dataset))
        .dataDir(dataDir == null ? null : dataDir.toPath())
        .cacheDir(cacheDir == null ? null : cacheDir.toPath());
  }
}
