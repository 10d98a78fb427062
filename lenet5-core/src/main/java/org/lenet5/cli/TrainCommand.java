package org.lenet5.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.lenet5.Lenet5Exception;
import org.lenet5.data.DataSource;
import org.lenet5.data.Dataset;
import org.lenet5.frontend.ParameterNames.Cli;
import org.lenet5.report.RunReport;
import org.lenet5.report.TensorBoardLog;
import org.lenet5.train.ConsoleReport;
import org.lenet5.train.Defaults;
import org.lenet5.train.NamedRecipe;
import org.lenet5.train.Recipe;
import org.lenet5.train.RecipeParameter;
import org.lenet5.train.RunDirectories;
import org.lenet5.train.RunSetting;
import org.lenet5.train.RunSettings;
import org.lenet5.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lenet5 train}: trains with the reference recipe unless told otherwise. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    defaultValueProvider = TrainingDefaults.class,
    versionProvider = VersionProvider.class,
    description = {
      "Train LeNet5, evaluate it on the 10,000 test images, save the weights and export a"
          + " SavedModel.",
      "Without options this is the reference recipe: MNIST, 10 epochs, batch 64, Adam 0.001."
    })
final class TrainCommand implements Callable<Integer> {

  private static final String NO_EPOCH_EVAL = "--no-epoch-eval";

  @Spec private CommandSpec spec;

  @Mixin private DataOptions data;

  @Option(
      names = Cli.RECIPE,
      paramLabel = "NAME",
      defaultValue = Defaults.RECIPE,
      description =
          "Named recipe to start from (default: ${DEFAULT-VALUE}): reference (the tutorial's) or"
              + " augmented (45 epochs on distorted images, rate 0.002 x0.9 per epoch). Options"
              + " given explicitly override its values; the defaults shown are the reference's.")
  String recipe;

  @Option(
      names = Cli.VARIANT,
      paramLabel = "NAME",
      description =
          "Architecture (default: ${DEFAULT-VALUE}): reference (the tutorial's, with BatchNorm),"
              + " no-batchnorm (the same without BatchNorm), classic (LeCun 1998: tanh, average"
              + " pooling, C5 as a 5x5 convolution with 120 maps).")
  String variant;

  @Option(
      names = Cli.AUGMENT,
      description =
          "Train on randomly shifted (up to 2 px) and rotated (up to 10 degrees) images;"
              + " --recipe augmented combines it with a longer, decaying schedule.")
  boolean augment;

  @Option(names = Cli.EPOCHS, paramLabel = "N", description = "Epochs (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(
      names = Cli.BATCH_SIZE,
      paramLabel = "N",
      description = "Images per training step (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = Cli.LEARNING_RATE,
      paramLabel = "RATE",
      description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(
      names = Cli.LEARNING_RATE_DECAY,
      paramLabel = "FACTOR",
      description =
          "Multiply the learning rate by FACTOR after every epoch, 0-1; 1 keeps it constant"
              + " (default: ${DEFAULT-VALUE}).")
  double learningRateDecay;

  @Option(
      names = Cli.SEED,
      paramLabel = "N",
      description = "Seeds initial weights and shuffling; same seed, same run (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = Cli.LIMIT_TRAIN,
      paramLabel = "N",
      description = "Train on the first N training images only; 0 = all (default: ${DEFAULT-VALUE}).")
  int limitTrain;

  @Option(
      names = Cli.VALIDATION_SPLIT,
      paramLabel = "FRACTION",
      description =
          "Hold out this share of the training images, chosen by their content, to validate on"
              + " after each epoch; 0 = none, then each epoch is scored on the test set (default:"
              + " none for mnist and fashion-mnist, 0.1 for a folder of your own images).")
  double validationSplit;

  @Option(
      names = Cli.EARLY_STOP,
      paramLabel = "EPOCHS",
      description =
          "Stop when this many epochs in a row bring no better validation accuracy; 0 = train"
              + " every epoch (default: ${DEFAULT-VALUE}). Needs a validation split.")
  int earlyStop;

  @Option(
      names = Cli.KEEP,
      paramLabel = "last|best",
      description =
          "Keep, save and export the last epoch's weights or those of the epoch with the best"
              + " validation accuracy (default: ${DEFAULT-VALUE}).")
  String keep;

  @Option(
      names = Cli.LOG_EVERY,
      paramLabel = "STEPS",
      description = "Print the loss every this many steps (default: ${DEFAULT-VALUE}).")
  int logEvery;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "DIR",
      description = "Run directory for the outputs (default: runs/<date-time>).")
  Path output;

  @Option(
      names = Cli.EXPORT_DIR,
      paramLabel = "DIR",
      defaultValue = "models/lenet5",
      description =
          "Model base directory: the trained model is exported there as the next SavedModel"
              + " version, ready for TensorFlow Serving (default: ${DEFAULT-VALUE}; for a folder"
              + " of your own images, models/<folder name>).")
  Path exportDir;

  @Option(names = "--no-export", description = "Do not export a SavedModel.")
  boolean noExport;

  @Option(
      names = Cli.DEVICE,
      paramLabel = "DEVICE",
      description =
          "auto (a GPU if TensorFlow sees one, else the CPU), cpu, gpu or gpu:N"
              + " (default: ${DEFAULT-VALUE}). A GPU needs the GPU build, see docs/gpu.md.")
  String device;

  @Option(
      names = Cli.GPU_MEMORY_FRACTION,
      paramLabel = "FRACTION",
      description =
          "Cap TensorFlow's share of GPU memory, 0-1; 0 lets it grow as needed"
              + " (default: ${DEFAULT-VALUE}).")
  double gpuMemoryFraction;

  @Option(
      names = Cli.CHECKPOINT_EVERY,
      paramLabel = "EPOCHS",
      description =
          "Save a resumable checkpoint every this many epochs; 0: none (default: ${DEFAULT-VALUE}).")
  int checkpointEvery;

  @Option(
      names = Cli.KEEP_CHECKPOINTS,
      paramLabel = "N",
      description = "Keep the newest N checkpoints (default: ${DEFAULT-VALUE}).")
  int keepCheckpoints;

  @Option(
      names = Cli.RESUME,
      arity = "0..1",
      fallbackValue = "",
      paramLabel = "RUN_DIR",
      description =
          "Continue an interrupted run from its newest checkpoint, with its own recipe: the given"
              + " run directory, else --output, else the newest directory under runs/.")
  String resume;

  @Option(
      names = NO_EPOCH_EVAL,
      description =
          "Evaluate the test set only after the last epoch, not after each (saves about 1 s per"
              + " epoch; the learning curves then lack the accuracy per epoch).")
  boolean noEpochEvaluation;

  @Option(
      names = "--no-progress",
      description = "Print the reference's loss lines instead of a progress bar on a terminal.")
  boolean noProgress;

  @Option(
      names = {"-q", "--quiet"},
      description = "Print only the outcome: accuracy and where the outputs went.")
  boolean quiet;

  /**
   * The run settings the command line gives over {@code schedule}'s: the defaults for a new run,
   * the run's own for a resumed one. Where the data is and goes, and the device, are always this
   * command's; the schedule (checkpoints, log interval, per-epoch evaluation) only where given.
   */
  private RunSettings runSettings(RunSettings schedule, Path outputDir, DataSource source) {
    return RunSetting.setGiven(
            data.applyTo(schedule.toBuilder())
                .outputDir(outputDir)
                .exportDir(noExport ? null : exportBase(source)),
            setting ->
                switch (setting) {
                  case DEVICE -> device;
                  case GPU_MEMORY_FRACTION -> gpuMemoryFraction;
                  case EVALUATE_EACH_EPOCH -> given(NO_EPOCH_EVAL) ? false : null;
                  case LOG_EVERY, CHECKPOINT_EVERY, KEEP_CHECKPOINTS ->
                      OptionNames.given(spec, setting.id());
                  // Set above: the data options', and null for no export.
                  case DATA_DIR, CACHE_DIR, OUTPUT_DIR, EXPORT_DIR -> null;
                })
        .build();
  }

  /**
   * The model base: {@code --export-dir} if given, else {@code models/lenet5} for the built-in
   * datasets and {@code models/<folder name>} for one's own images, so that a model of other
   * classes never becomes the next version of another.
   */
  private Path exportBase(DataSource source) {
    if (given(Cli.EXPORT_DIR) || source instanceof Dataset) {
      return exportDir;
    }
    return Path.of("models", Path.of(source.id()).getFileName().toString());
  }

  /**
   * Refuses recipe options that differ from the run to resume: the same command with {@code
   * --resume} added continues it; a changed one would not be the run that was started.
   */
  private void requireSameRecipe(Recipe saved) {
    Recipe asked = askedRecipe();
    boolean recipeGiven = given(Cli.RECIPE);
    Optional<RecipeParameter> differing =
        RecipeParameter.firstDifference(
            saved, asked, parameter -> recipeGiven || given(Cli.of(parameter.id())));
    if (differing.isPresent()) {
      String option = Cli.of(differing.get().id());
      boolean asGiven = given(option);
      throw new Lenet5Exception(
          "the run to resume was trained with " + option + " " + differing.get().valueIn(saved)
              + ", not " + differing.get().valueIn(asked)
              + (asGiven ? "" : " (" + Cli.RECIPE + " " + recipe + ")") + "; leave "
              + (asGiven ? option : Cli.RECIPE) + " out to continue it, or start a new run"
              + " without " + Cli.RESUME);
    }
  }

  /** The named recipe with the recipe options the command line gives set over its values. */
  private Recipe askedRecipe() {
    return RecipeParameter.setGiven(
            data.applyTo(NamedRecipe.fromId(recipe).builder()),
            parameter ->
                parameter == RecipeParameter.DATASET ? null : OptionNames.given(spec, parameter.id()))
        .build();
  }

  private boolean given(String option) {
    return spec.commandLine().getParseResult().hasMatchedOption(option);
  }

  private Path runToResume() {
    if (!resume.isEmpty()) {
      return Path.of(resume);
    }
    return output != null ? output : RunDirectories.newest(RunDirectories.DEFAULT);
  }

  @Override
  public Integer call() {
    Trainer trainer;
    Path runDir = output;
    if (resume != null) {
      runDir = runToResume();
      requireSameRecipe(Trainer.savedRecipe(runDir));
      trainer =
          Trainer.resume(
              runDir,
              runSettings(Trainer.savedSettings(runDir), runDir,
                  Trainer.savedRecipe(runDir).dataset()));
    } else {
      Recipe asked = askedRecipe();
      trainer = new Trainer(asked, runSettings(RunSettings.defaults(), output, asked.dataset()));
    }
    PrintWriter out = spec.commandLine().getOut();
    Consumer<String> print =
        line -> {
          out.println(line);
          out.flush();
        };
    boolean bar = !quiet && !noProgress && ProgressReport.isTerminal();
    if (bar) {
      trainer.addListener(new ProgressReport());
    }
    InterruptNotice interruption = new InterruptNotice(spec.commandLine().getErr(), runDir, bar);
    trainer
        .addListener(interruption)
        .addListener(
            new ConsoleReport(
                print,
                quiet
                    ? ConsoleReport.Detail.QUIET
                    : bar ? ConsoleReport.Detail.NO_STEPS : ConsoleReport.Detail.FULL))
        .addListener(new TensorBoardLog())
        .addListener(new RunReport(print));
    interruption.install();
    try {
      trainer.train();
    } finally {
      interruption.close();
    }
    return 0;
  }
}
