package org.lenet5.maven;

import java.io.File;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.lenet5.model.ModelVariant;
import org.lenet5.report.RunReport;
import org.lenet5.report.TensorBoardLog;
import org.lenet5.train.ConsoleReport;
import org.lenet5.train.RunDirectories;
import org.lenet5.train.Trainer;
import org.lenet5.train.TrainingConfig;
import org.lenet5.train.TrainingResult;

/**
 * Trains LeNet5, saves the weights and exports the next SavedModel version. The defaults are the
 * reference recipe (10 epochs, batch 64, Adam 0.001).
 *
 * <pre>{@code
 * <plugin>
 *   <groupId>org.lenet5</groupId>
 *   <artifactId>lenet5-maven-plugin</artifactId>
 *   <version>0.1.0-SNAPSHOT</version>
 *   <configuration>
 *     <epochs>10</epochs>
 *   </configuration>
 * </plugin>
 * }</pre>
 *
 * <p>Run it with {@code mvn lenet5:train}; the model lands in {@code
 * target/lenet5/models/<version>}.
 */
@Mojo(name = "train", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public final class TrainMojo extends AbstractLenet5Mojo {

  /**
   * The architecture: {@code reference} (the tutorial's, with BatchNorm), {@code no-batchnorm} or
   * {@code classic} (LeCun 1998: tanh, average pooling, C5 as a convolution).
   */
  @Parameter(property = Properties.VARIANT, defaultValue = "reference")
  String variant;

  /** Train on randomly shifted and rotated images. */
  @Parameter(property = Properties.AUGMENT, defaultValue = "false")
  boolean augment;

  /** Evaluate the test set after every epoch, for the learning curves, or only after the last. */
  @Parameter(property = Properties.EVALUATE_EACH_EPOCH, defaultValue = "true")
  boolean evaluateEachEpoch;

  /** Passes over the training set. */
  @Parameter(property = Properties.EPOCHS, defaultValue = "10")
  int epochs;

  /** Images per training step. */
  @Parameter(property = Properties.BATCH_SIZE, defaultValue = "64")
  int batchSize;

  /** Adam's learning rate. */
  @Parameter(property = Properties.LEARNING_RATE, defaultValue = "0.001")
  double learningRate;

  /** The learning rate is multiplied by this after every epoch; 1 keeps it constant. */
  @Parameter(property = Properties.LEARNING_RATE_DECAY, defaultValue = "1")
  double learningRateDecay;

  /** Seeds the initial weights and the shuffling: same seed, same model. */
  @Parameter(property = Properties.SEED, defaultValue = "1")
  long seed;

  /** Train on the first N training images only, for quick runs; 0 means all 60,000. */
  @Parameter(property = Properties.LIMIT_TRAIN, defaultValue = "0")
  int limitTrain;

  /** Log the loss every this many steps. */
  @Parameter(property = Properties.LOG_EVERY, defaultValue = "400")
  int logEvery;

  /**
   * Where runs go: each training creates a run directory under it, named by its start time, with
   * its epoch checkpoints and final weights.
   */
  @Parameter(property = Properties.RUNS_DIR, defaultValue = "${project.build.directory}/lenet5/runs")
  File runsDir;

  /** Model base directory: the SavedModel is exported as its next numbered version. */
  @Parameter(property = Properties.EXPORT_DIR, defaultValue = Properties.DEFAULT_MODELS)
  File exportDir;

  /**
   * Where to run: {@code auto} (a GPU if TensorFlow sees one, else the CPU), {@code cpu}, {@code
   * gpu} or {@code gpu:N}. A GPU needs TensorFlow's GPU build, see docs/gpu.md.
   */
  @Parameter(property = Properties.DEVICE, defaultValue = "auto")
  String device;

  /** Caps TensorFlow's share of GPU memory, 0-1; 0 lets it grow as needed. */
  @Parameter(property = Properties.GPU_MEMORY_FRACTION, defaultValue = "0")
  double gpuMemoryFraction;

  /** Save a resumable checkpoint every this many epochs; 0: none. */
  @Parameter(property = Properties.CHECKPOINT_EVERY, defaultValue = "1")
  int checkpointEvery;

  /** Keep the newest N epoch checkpoints. */
  @Parameter(property = Properties.KEEP_CHECKPOINTS, defaultValue = "3")
  int keepCheckpoints;

  /**
   * Continue the newest run under {@code runsDir} from its newest checkpoint, with that run's own
   * recipe, instead of starting a new one.
   */
  @Parameter(property = Properties.RESUME, defaultValue = "false")
  boolean resume;

  @Override
  String goal() {
    return "training";
  }

  @Override
  void run() {
    TrainingConfig.Builder settings =
        configBuilder()
            .exportDir(exportDir.toPath())
            .device(device)
            .gpuMemoryFraction(gpuMemoryFraction)
            .keepCheckpoints(keepCheckpoints);
    Trainer trainer =
        resume
            ? Trainer.resume(RunDirectories.newest(runsDir.toPath()), settings.build())
            : new Trainer(
                settings
                    .outputDir(RunDirectories.fresh(runsDir.toPath()))
                    .variant(ModelVariant.fromId(variant))
                    .augment(augment)
                    .evaluateEachEpoch(evaluateEachEpoch)
                    .epochs(epochs)
                    .batchSize(batchSize)
                    .learningRate(learningRate)
                    .learningRateDecay(learningRateDecay)
                    .seed(seed)
                    .limitTrain(limitTrain)
                    .logEvery(logEvery)
                    .checkpointEvery(checkpointEvery)
                    .build());
    TrainingResult result =
        trainer
            .addListener(new ConsoleReport(getLog()::info))
            .addListener(new TensorBoardLog())
            .addListener(new RunReport(getLog()::info))
            .train();
    getLog().debug("Run directory: " + result.outputDir());
  }
}
