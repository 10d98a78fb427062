package org.lenet5.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.lenet5.Lenet5Exception;
import org.lenet5.data.DataSource;
import org.lenet5.frontend.ParameterNames.Cli;
import org.lenet5.model.Evaluation;
import org.lenet5.train.DatasetMismatchException;
import org.lenet5.train.Evaluator;
import org.lenet5.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lenet5 evaluate}: the test accuracy of an exported model or of saved weights. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Evaluate a trained model on the test images of the data it was trained on (or of"
            + " --dataset) and print the accuracy.")
final class EvaluateCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Mixin private DataOptions data;

  @Option(
      names = {"-m", Cli.MODEL},
      required = true,
      paramLabel = "DIR",
      description =
          "An exported model: a SavedModel version directory, or a model base directory (its"
              + " highest version is used); or a run directory, or its checkpoint directory.")
  Path model;

  @Override
  public Integer call() {
    if (Evaluator.checkpointIn(model).isEmpty()) {
      Optional<Path> epoch = Trainer.newestEpochCheckpoint(model);
      if (epoch.isPresent()) {
        throw new Lenet5Exception(
            model + " is a run that did not finish: it has no final checkpoint and no SavedModel;"
                + " evaluate its newest epoch checkpoint (./lenet5 evaluate --model " + epoch.get()
                + ") or finish the run (./lenet5 train --resume " + model + ")");
      }
    }
    Optional<DataSource> requested =
        spec.commandLine().getParseResult().hasMatchedOption(Cli.DATASET)
            ? Optional.of(data.dataset())
            : Optional.empty();
    Evaluation evaluation;
    try {
      evaluation =
          Evaluator.evaluateModel(model, requested, data.locator());
    } catch (DatasetMismatchException e) {
      throw new Lenet5Exception(
          "--dataset " + e.requested() + " does not fit " + model + ": it was trained on "
              + e.recorded() + "; leave --dataset out to evaluate it on "
              + e.recorded(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(evaluation.accuracyLine());
    out.flush();
    return 0;
  }
}
