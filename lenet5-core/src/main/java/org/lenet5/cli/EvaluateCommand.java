package org.lenet5.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.lenet5.train.Evaluation;
import org.lenet5.train.Evaluator;
import org.lenet5.train.Trainer;
import org.lenet5.train.TrainingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lenet5 evaluate}: the test accuracy of trained weights. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = "Evaluate trained weights on the 10,000 test images and print the accuracy.")
final class EvaluateCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Mixin private DataOptions data;

  @Option(
      names = {"-m", "--model"},
      required = true,
      paramLabel = "DIR",
      description = "A run directory printed by 'train', or its checkpoint directory.")
  Path model;

  @Override
  public Integer call() {
    Path checkpoint =
        Files.isDirectory(model.resolve(Trainer.CHECKPOINT_DIR))
            ? model.resolve(Trainer.CHECKPOINT_DIR)
            : model;
    Evaluation evaluation =
        Evaluator.evaluate(checkpoint, data.applyTo(TrainingConfig.builder()).build());
    PrintWriter out = spec.commandLine().getOut();
    out.println(evaluation.accuracyLine());
    out.flush();
    return 0;
  }
}
