package org.lenet5.cli;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.lenet5.Lenet5Exception;
import org.lenet5.bench.Benchmark;
import org.lenet5.bench.BenchmarkReport;
import org.lenet5.bench.SeedSweep;
import org.lenet5.frontend.ParameterNames.Cli;
import org.lenet5.train.Defaults;
import org.lenet5.train.EpochResult;
import org.lenet5.train.NamedRecipe;
import org.lenet5.train.Recipe;
import org.lenet5.train.RecipeParameter;
import org.lenet5.train.RunDirectories;
import org.lenet5.train.RunSettings;
import org.lenet5.train.TrainingListener;
import org.tensorflow.TensorFlow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lenet5 bench}: training and inference speed, memory and start-up, as a table and JSON. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    // picocli's command list shows the first line alone, so it is a whole sentence.
    description = {
      "Measure training and inference speed, latency, start-up time and memory.",
      "",
      "Training throughput is the median of several epochs after a warm-up; inference runs the"
          + " exported SavedModel at batch 1, 64 and 1000; latency is that of a single image;"
          + " start-up is the time to the first training step. Prints a table and writes the"
          + " figures as JSON."
    })
final class BenchCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Mixin private DataOptions data;

  @Option(names = "--warmup-epochs", paramLabel = "N", defaultValue = "1",
      description = "Epochs run first and not counted (default: ${DEFAULT-VALUE}).")
  int warmupEpochs;

  @Option(names = Cli.EPOCHS, paramLabel = "N", defaultValue = "3",
      description = "Epochs measured (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = Cli.BATCH_SIZE, paramLabel = "N", defaultValue = Defaults.BATCH_SIZE,
      description = "Training batch size (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = Cli.LIMIT_TRAIN, paramLabel = "N", defaultValue = Defaults.LIMIT_TRAIN,
      description = "Train on the first N images only; 0 = all 60,000 (default: ${DEFAULT-VALUE}).")
  int limitTrain;

  @Option(names = "--seeds", paramLabel = "LIST", converter = SeedList.class,
      description = "Instead of the speed figures: train the recipe once per seed (e.g. 1-10 or"
          + " 1,4,9) and print each seed's final and best accuracy and time per epoch, with mean,"
          + " min, max.")
  List<Long> seeds;

  @Option(names = Cli.RECIPE, paramLabel = "NAME", defaultValue = Defaults.RECIPE,
      description = "With --seeds: the named recipe to train, reference or augmented"
          + " (default: ${DEFAULT-VALUE}); --epochs, --batch-size and --limit-train given"
          + " explicitly override its values.")
  String recipe;

  @Option(names = "--json", paramLabel = "FILE",
      description = "Where to write the figures as JSON (default: bench.json in a new run"
          + " directory, runs/<date-time>/).")
  Path json;

  @Override
  public Integer call() throws IOException {
    if (warmupEpochs < 1 || epochs < 1) {
      throw new Lenet5Exception(
          "--warmup-epochs and --epochs must be at least 1, got " + warmupEpochs + " and "
              + epochs);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (seeds != null) {
      sweep(out);
      return 0;
    }
    // The benchmark sets the number of epochs itself; building here checks the rest at once.
    Recipe recipe =
        data.applyTo(Recipe.builder()).batchSize(batchSize).limitTrain(limitTrain).build();
    BenchmarkReport report =
        new Benchmark(recipe, data.applyTo(RunSettings.builder()).build(), warmupEpochs, epochs)
            .run(
                new TrainingListener() {
                  @Override
                  public void onEpochEnd(EpochResult epoch) {
                    out.printf(Locale.ROOT, "epoch %d: %.1f s%n", epoch.epoch(), epoch.seconds());
                    out.flush();
                  }
                });
    print(out, report);
    // Like train's outputs, the figures go under runs/ (ignored by git), never into the checkout.
    Path file = json != null ? json : defaultJson(RunDirectories.DEFAULT);
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(
        file,
        JSON.std
            .with(JSON.Feature.PRETTY_PRINT_OUTPUT, JSON.Feature.WRITE_NULL_PROPERTIES)
            .asString(asMap(report)));
    out.println("Figures written to " + file);
    out.flush();
    return 0;
  }

  private void sweep(PrintWriter out) throws IOException {
    // With --seeds, --epochs, --batch-size and --limit-train are the recipe's, where given.
    Set<RecipeParameter> sweepOptions =
        EnumSet.of(RecipeParameter.EPOCHS, RecipeParameter.BATCH_SIZE, RecipeParameter.LIMIT_TRAIN);
    Recipe sweptRecipe =
        RecipeParameter.setGiven(
                data.applyTo(NamedRecipe.fromId(recipe).builder()),
                parameter ->
                    sweepOptions.contains(parameter) ? ParameterOptions.given(spec, parameter) : null)
            .build();
    out.printf(Locale.ROOT, "Recipe %s%s, seeds %s%n", recipe,
        sweptRecipe.limitTrain() > 0
            ? " on the first " + sweptRecipe.limitTrain() + " images"
            : "",
        seeds.stream().map(String::valueOf).collect(Collectors.joining(", ")));
    String row = "%-6s %16s %22s %16s%n";
    out.printf(Locale.ROOT, row, "seed", "final accuracy", "best (epoch)", "s per epoch");
    out.flush();
    List<SeedSweep.Row> rows =
        new SeedSweep(sweptRecipe, data.applyTo(RunSettings.builder()).build(), seeds)
            .run(
                new TrainingListener() {},
                measured -> {
                  out.printf(Locale.ROOT, row, measured.seed(),
                      percent(measured.finalAccuracy()),
                      percent(measured.bestAccuracy()) + " (" + measured.bestEpoch() + ")",
                      String.format(Locale.ROOT, "%.1f", measured.medianEpochSeconds()));
                  out.flush();
                });
    DoubleSummaryStatistics accuracy =
        rows.stream().mapToDouble(SeedSweep.Row::finalAccuracy).summaryStatistics();
    out.printf(Locale.ROOT, "final accuracy over %d seeds: mean %s, min %s, max %s%n",
        rows.size(), percent(accuracy.getAverage()), percent(accuracy.getMin()),
        percent(accuracy.getMax()));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("recipe", recipe);
    json.put("epochs", sweptRecipe.epochs());
    json.put("limitTrain", sweptRecipe.limitTrain());
    json.put("tensorflowVersion", TensorFlow.version());
    List<Map<String, Object>> measured = new ArrayList<>();
    for (SeedSweep.Row each : rows) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("seed", each.seed());
      entry.put("finalAccuracy", each.finalAccuracy());
      entry.put("bestAccuracy", each.bestAccuracy());
      entry.put("bestEpoch", each.bestEpoch());
      entry.put("medianEpochSeconds", each.medianEpochSeconds());
      measured.add(entry);
    }
    json.put("seeds", measured);
    json.put("meanFinalAccuracy", accuracy.getAverage());
    json.put("minFinalAccuracy", accuracy.getMin());
    json.put("maxFinalAccuracy", accuracy.getMax());
    Path file = this.json != null ? this.json : defaultJson(RunDirectories.DEFAULT);
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT).asString(json));
    out.println("Figures written to " + file);
    out.flush();
  }

  /** {@code bench.json} in a new run directory under {@code runsDir}. */
  static Path defaultJson(Path runsDir) {
    return RunDirectories.fresh(runsDir).resolve("bench.json");
  }


  private static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.2f %%", 100 * fraction);
  }

  private static void print(PrintWriter out, BenchmarkReport report) {
    String row = "%-44s %14s%n";
    out.printf(Locale.ROOT, row, "figure", "value");
    out.printf(Locale.ROOT, row, "training, seconds per epoch (median)",
        String.format(Locale.ROOT, "%.2f s", report.medianEpochSeconds()));
    out.printf(Locale.ROOT, row, "training, images/s (batch " + report.batchSize() + ")",
        String.format(Locale.ROOT, "%,.0f", report.trainingImagesPerSecond()));
    out.printf(Locale.ROOT, row, "test accuracy after the run",
        String.format(Locale.ROOT, "%.2f %%", 100 * report.testAccuracy()));
    out.printf(Locale.ROOT, row, "training time to 99.0 % test accuracy",
        report.secondsTo99().isPresent()
            ? String.format(Locale.ROOT, "%.1f s", report.secondsTo99().getAsDouble())
            : "not reached");
    for (BenchmarkReport.Inference inference : report.inference()) {
      out.printf(Locale.ROOT, row, "inference, images/s at batch " + inference.batchSize(),
          String.format(Locale.ROOT, "%,.0f", inference.imagesPerSecond()));
    }
    out.printf(Locale.ROOT, row, "single image latency p50 / p99",
        String.format(Locale.ROOT, "%.2f / %.2f ms", report.singleImageP50Millis(),
            report.singleImageP99Millis()));
    out.printf(Locale.ROOT, row, "JVM start to first training step",
        String.format(Locale.ROOT, "%.1f s", report.secondsToFirstStep()));
    out.printf(Locale.ROOT, row, "peak resident memory",
        String.format(Locale.ROOT, "%.0f MB", report.peakResidentBytes() / 1e6));
  }

  private static Map<String, Object> asMap(BenchmarkReport report) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("tensorflowVersion", report.tensorflowVersion());
    map.put("threads", report.threads());
    map.put("trainImages", report.trainImages());
    map.put("batchSize", report.batchSize());
    map.put("epochSeconds", report.epochSeconds());
    map.put("medianEpochSeconds", report.medianEpochSeconds());
    map.put("trainingImagesPerSecond", report.trainingImagesPerSecond());
    map.put("testAccuracy", report.testAccuracy());
    map.put("secondsTo99", report.secondsTo99().isPresent()
        ? report.secondsTo99().getAsDouble() : null);
    Map<String, Object> inference = new LinkedHashMap<>();
    for (BenchmarkReport.Inference each : report.inference()) {
      inference.put("batch" + each.batchSize(), each.imagesPerSecond());
    }
    map.put("inferenceImagesPerSecond", inference);
    map.put("singleImageP50Millis", report.singleImageP50Millis());
    map.put("singleImageP99Millis", report.singleImageP99Millis());
    map.put("secondsToFirstStep", report.secondsToFirstStep());
    map.put("peakResidentBytes", report.peakResidentBytes());
    return map;
  }
}
