package org.lenet5.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.lenet5.Lenet5Exception;
import org.lenet5.export.ServingCheck;
import org.lenet5.frontend.ParameterNames.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lenet5 check-serving}: whether TensorFlow Serving would take an export as it is. */
@Command(
    name = "check-serving",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Check an export as TensorFlow Serving would load and serve it: numbered version, tag"
            + " serve, both signatures, labels.txt, models.config and batching_parameters.txt,"
            + " and the warmup requests answered as recorded.")
final class CheckServingCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(
      names = {"-m", Cli.MODEL},
      required = true,
      paramLabel = "DIR",
      description =
          "A SavedModel version directory, or a model base directory (the versions its"
              + " models.config serves, else its highest).")
  Path model;

  @Override
  public Integer call() {
    ServingCheck.Result result = ServingCheck.check(model);
    if (!result.passed()) {
      throw new Lenet5Exception(result.problem().orElseThrow());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(model + ": TensorFlow Serving would serve "
        + result.versions().stream().map(version -> version.getFileName().toString())
            .collect(Collectors.joining(", ", result.versions().size() == 1 ? "version "
                : "versions ", ""))
        + "; " + result.warmupRecords() + " warmup responses as recorded");
    out.flush();
    return 0;
  }
}
