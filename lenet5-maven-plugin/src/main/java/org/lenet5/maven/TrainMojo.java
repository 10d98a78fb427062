package org.lenet5.maven;

import java.io.File;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.lenet5.Lenet5Exception;
import org.lenet5.data.Dataset;
import org.lenet5.train.ConsoleReport;
import org.lenet5.train.InvalidConfigException;
import org.lenet5.train.Trainer;
import org.lenet5.train.TrainingConfig;
import org.lenet5.train.TrainingResult;

/**
 * Trains LeNet5 and saves the trained weights.
 *
 * <pre>{@code
 * <plugin>
 *   <groupId>org.lenet5</groupId>
 *   <artifactId>lenet5-maven-plugin</artifactId>
 *   <version>0.1.0-SNAPSHOT</version>
 *   <configuration>
 *     <epochs>1</epochs>
 *   </configuration>
 * </plugin>
 * }</pre>
 */
@Mojo(name = "train", defaultPhase = LifecyclePhase.PACKAGE, requiresProject = false,
    threadSafe = true)
public final class TrainMojo extends AbstractMojo {

  /** Dataset to train on: {@code mnist}. */
  @Parameter(property = "lenet5.dataset", defaultValue = "mnist")
  private String dataset;

  /** Number of epochs. */
  @Parameter(property = "lenet5.epochs", defaultValue = "10")
  private int epochs;

  /** Images per training step. */
  @Parameter(property = "lenet5.batchSize", defaultValue = "64")
  private int batchSize;

  /** Adam learning rate. */
  @Parameter(property = "lenet5.learningRate", defaultValue = "0.001")
  private double learningRate;

  /** Seeds initial weights and shuffling. */
  @Parameter(property = "lenet5.seed", defaultValue = "1")
  private long seed;

  /** Train on the first N training images only; 0 means all. */
  @Parameter(property = "lenet5.limitTrain", defaultValue = "0")
  private int limitTrain;

  /** Report the loss every this many steps. */
  @Parameter(property = "lenet5.logEvery", defaultValue = "400")
  private int logEvery;

  /** Directory holding the IDX files; by default they are downloaded into the cache. */
  @Parameter(property = "lenet5.dataDir")
  private File dataDir;

  /** Download cache; by default {@code ~/.lenet5/datasets}. */
  @Parameter(property = "lenet5.cacheDir")
  private File cacheDir;

  /** Run directory for the outputs. */
  @Parameter(property = "lenet5.outputDir", defaultValue = "${project.build.directory}/lenet5")
  private File outputDir;

  /** Skips the goal. */
  @Parameter(property = "lenet5.skip", defaultValue = "false")
  private boolean skip;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Skipping LeNet5 training (lenet5.skip is true)");
      return;
    }
    TrainingConfig config;
    try {
      config =
          TrainingConfig.builder()
              .dataset(Dataset.fromId(dataset))
              .epochs(epochs)
              .batchSize(batchSize)
              .learningRate(learningRate)
              .seed(seed)
              .limitTrain(limitTrain)
              .logEvery(logEvery)
              .dataDir(dataDir == null ? null : dataDir.toPath())
              .cacheDir(cacheDir == null ? null : cacheDir.toPath())
              .outputDir(outputDir.toPath())
              .build();
    } catch (InvalidConfigException e) {
      throw new MojoFailureException(
          "Invalid <" + e.parameter() + "> (lenet5." + e.parameter() + "): " + e.problem());
    } catch (Lenet5Exception e) {
      throw new MojoFailureException(e.getMessage());
    }
    try {
      TrainingResult result =
          new Trainer(config).addListener(new ConsoleReport(getLog()::info)).train();
      getLog().debug("Run directory: " + result.outputDir());
    } catch (Lenet5Exception e) {
      throw new MojoFailureException(e.getMessage(), e);
    }
  }
}
