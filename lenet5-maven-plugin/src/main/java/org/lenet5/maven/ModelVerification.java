package org.lenet5.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.lenet5.export.SavedModelExporter;
import org.lenet5.frontend.ParameterNames.Maven;
import org.lenet5.maven.GateReport.Gate;
import org.lenet5.maven.GateReport.Scored;
import org.lenet5.maven.GateReport.Serving;
import org.lenet5.model.ModelDescription;
import org.lenet5.train.ModelFingerprint;

/**
 * Evaluates a model (and its baseline) in the forked JVM, applies the gates — an absolute {@code
 * minAccuracy}, with {@code maxAccuracyDrop} a regression gate against the baseline, and the
 * serving check of the model as TensorFlow Serving would take it —,
 * writes the JSON and JUnit XML reports, and fails or warns with messages that name each
 * parameter the way the user set it.
 */
final class ModelVerification {

  /** The gate of the serving check, {@link org.lenet5.export.ServingCheck}. */
  static final String SERVING_GATE = "servingCheck";

  /** A model to evaluate: its SavedModel directory, and its coordinates if it was resolved. */
  record Target(Path directory, String artifact, String origin) {}

  private final Log log;
  private final Fork fork;
  private final ParameterOrigin origin;

  ModelVerification(Log log, Fork fork, ParameterOrigin origin) {
    this.log = log;
    this.fork = fork;
    this.origin = origin;
  }

  /** The version directory a SavedModel path stands for: itself, or a base's highest version. */
  static Optional<Path> version(Path path) {
    if (Files.isRegularFile(path.resolve("saved_model.pb"))) {
      return Optional.of(path);
    }
    OptionalInt latest = SavedModelExporter.latestVersion(path);
    return latest.isPresent()
        ? Optional.of(path.resolve(String.valueOf(latest.getAsInt())))
        : Optional.empty();
  }

  /** The highest version below {@code version} in the same model base, if any. */
  static Optional<Path> previous(Path version) {
    Path base = version.getParent();
    String name = version.getFileName().toString();
    if (base == null || !name.matches("[1-9][0-9]{0,8}")) {
      return Optional.empty();
    }
    int current = Integer.parseInt(name);
    try (Stream<Path> children = Files.list(base)) {
      return children
          .filter(p -> p.getFileName().toString().matches("[1-9][0-9]{0,8}"))
          .filter(p -> Integer.parseInt(p.getFileName().toString()) < current)
          .filter(p -> Files.isRegularFile(p.resolve("saved_model.pb")))
          .max((a, b) -> Integer.compare(
              Integer.parseInt(a.getFileName().toString()),
              Integer.parseInt(b.getFileName().toString())));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Verifies {@code model}.
   *
   * @param baseline the model to compare against; empty with {@code noBaseline} saying why
   * @param maxAccuracyDrop null: no regression gate
   */
  void verify(
      String dataset,
      Properties request,
      Target model,
      Optional<Target> baseline,
      String noBaseline,
      double minAccuracy,
      Double maxAccuracyDrop,
      boolean haltOnFailure,
      Path reportsDir,
      String reportName)
      throws MojoFailureException, MojoExecutionException {
    long started = System.nanoTime();
    log.info("Evaluating " + model.directory()
        + baseline.map(b -> " and the baseline " + b.directory()).orElse("") + " on " + dataset
        + (origin.isSet("dataset", Maven.DATASET)
            ? " (" + origin.describe("dataset", Maven.DATASET) + ")"
            : " (the data the model records)"));
    request.setProperty("model.0", model.directory().toString());
    request.setProperty("model.0.published", String.valueOf(model.artifact() != null));
    baseline.ifPresent(b -> request.setProperty("model.1", b.directory().toString()));
    Properties result = fork.run(request);
    Scored scored = scored(result, 0, model);
    Scored base = baseline.map(b -> scored(result, 1, b)).orElse(null);

    List<Gate> gates = new ArrayList<>();
    String minName = origin.describe("minAccuracy", PropertyNames.MIN_ACCURACY);
    double accuracy = scored.accuracy();
    gates.add(
        accuracy >= minAccuracy
            ? new Gate("minAccuracy", true, false, format(
                "LeNet5 test accuracy %.2f %% meets the required %.2f %% (%s)",
                accuracy, minAccuracy, origin.name("minAccuracy", PropertyNames.MIN_ACCURACY)))
            : new Gate("minAccuracy", false, false, format(
                "LeNet5 test accuracy %.2f %% is below the required %.2f %% (%s)",
                accuracy, minAccuracy, minName)));
    if (maxAccuracyDrop != null) {
      String dropName = origin.describe("maxAccuracyDrop", PropertyNames.MAX_ACCURACY_DROP);
      if (base == null) {
        gates.add(new Gate("maxAccuracyDrop", true, true,
            "No baseline to compare against (" + noBaseline + "); the regression gate is skipped"));
      } else {
        double drop = base.accuracy() - accuracy;
        String against = format("the baseline %s's %.2f %%", baseline.get().origin(),
            base.accuracy());
        gates.add(
            drop <= maxAccuracyDrop
                ? new Gate("maxAccuracyDrop", true, false, format(
                    "LeNet5 test accuracy %.2f %% is within %.2f points of %s (%s; %s)",
                    accuracy, maxAccuracyDrop, against,
                    drop > 0 ? format("%.2f points lower", drop) : format("%.2f points higher",
                        -drop),
                    origin.name("maxAccuracyDrop", PropertyNames.MAX_ACCURACY_DROP)))
                : new Gate("maxAccuracyDrop", false, false, format(
                    "LeNet5 test accuracy %.2f %% dropped %.2f points below %s, more than the"
                        + " allowed %.2f (%s)",
                    accuracy, drop, against, maxAccuracyDrop, dropName)));
      }
    }

    Serving serving = serving(result);
    gates.add(serving.problem() == null
        ? new Gate(SERVING_GATE, true, false, "TensorFlow Serving would serve "
            + String.join(" and ", serving.versions()) + " as exported ("
            + serving.warmupRecords() + " warmup responses as recorded)")
        : new Gate(SERVING_GATE, false, false, serving.problem()));

    Map<String, Object> thresholds = new LinkedHashMap<>();
    thresholds.put("minAccuracy", minAccuracy);
    thresholds.put("maxAccuracyDrop", maxAccuracyDrop);
    try {
      GateReport.write(reportsDir, reportName, dataset, scored, base, serving, thresholds, gates,
          (System.nanoTime() - started) / 1e9);
    } catch (IOException e) {
      throw new MojoExecutionException("cannot write the verify reports in " + reportsDir + ": "
          + e, e);
    }
    log.debug("Reports: " + reportsDir.resolve(reportName + ".json") + ", "
        + reportsDir.resolve("TEST-" + reportName + ".xml"));

    List<String> failures = new ArrayList<>();
    for (Gate gate : gates) {
      if (gate.passed()) {
        log.info(gate.message());
      } else {
        failures.add(gate.message());
      }
    }
    if (failures.isEmpty()) {
      return;
    }
    String message = String.join("; ", failures);
    if (haltOnFailure) {
      throw new MojoFailureException(message);
    }
    log.warn(message + "; not failing the build because "
        + origin.name("haltOnFailure", PropertyNames.HALT_ON_FAILURE) + " is false");
  }

  /** What the serving check of the verified model found, as the forked JVM reported it. */
  private static Serving serving(Properties result) {
    String versions = result.getProperty("model.0.serving.versions", "");
    return new Serving(
        versions.isEmpty() ? List.of() : List.of(versions.split(File.pathSeparator)),
        Integer.parseInt(result.getProperty("model.0.serving.warmupRecords", "0")),
        result.getProperty("model.0.serving.problem"));
  }

  private static Scored scored(Properties result, int index, Target target) {
    String key = "model." + index + ".";
    Path directory = Path.of(result.getProperty(key + "directory"));
    ModelDescription description =
        ModelDescription.read(directory.resolve(SavedModelExporter.DESCRIPTION));
    double[] perClass = new double[description.data().classes()];
    for (int label = 0; label < perClass.length; label++) {
      perClass[label] =
          Double.parseDouble(result.getProperty(key + "class." + label + ".accuracy"));
    }
    String name = directory.getFileName().toString();
    return new Scored(
        directory.toString(),
        name.matches("[1-9][0-9]{0,8}") ? name : null,
        description.fingerprint().orElse(null),
        description.get(ModelFingerprint.LENET5_VERSION).orElse(null),
        description.get(ModelFingerprint.TENSORFLOW_VERSION).orElse(null),
        target.artifact(),
        Integer.parseInt(result.getProperty(key + "correct")),
        Integer.parseInt(result.getProperty(key + "total")),
        description.data().classNames(),
        perClass);
  }

  private static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
