package org.lenet5.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.lenet5.data.DataSource;
import org.lenet5.data.Dataset;
import org.lenet5.frontend.ParameterNames.Cli;
import org.lenet5.report.RunReport;
import org.lenet5.report.TensorBoardLog;
import org.lenet5.train.ConsoleReport;
import org.lenet5.train.Defaults;
import org.lenet5.train.NamedRecipe;
import org.lenet5.train.ParameterDescriptor.Exposure;
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
    modelTransformer = ParameterOptions.class,
    versionProvider = VersionProvider.class,
    description = {
      "Train LeNet5, evaluate it on the test images, save the weights and export a"
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
                switch (setting.exposure()) {
                  case OPTION -> ParameterOptions.given(spec, setting);
                  case FRONT_END ->
                      setting == RunSetting.EVALUATE_EACH_EPOCH && given(NO_EPOCH_EVAL)
                          ? false
                          : null;
                  // Set above: the data options', the run and the export directory.
                  case DATA, LIBRARY -> null;
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
  private void requireSameRecipe(Recipe saved, Path runDir) {
    RecipeParameter.requireSame(
        saved, askedRecipe(), runDir, parameter -> given(Cli.of(parameter.id())),
        given(Cli.RECIPE) ? Optional.of(recipe) : Optional.empty());
  }

  /** The named recipe with the recipe options the command line gives set over its values. */
  private Recipe askedRecipe() {
    return RecipeParameter.setGiven(
            data.applyTo(NamedRecipe.fromId(recipe).builder()),
            parameter ->
                parameter.exposure() == Exposure.OPTION
                    ? ParameterOptions.given(spec, parameter)
                    : null)
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
      requireSameRecipe(Trainer.savedRecipe(runDir), runDir);
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
