package org.lenet5.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;
import org.lenet5.data.DataDescription;
import org.lenet5.data.DataSource;
import org.lenet5.export.SavedModelExporter;
import org.lenet5.frontend.ParameterNames.Maven;
import org.lenet5.train.AccuracyGates;
import org.lenet5.maven.ModelVerification.Target;
import org.lenet5.model.ModelDescription;
import org.lenet5.train.RunSettings;

// The example's lines are indented with figure spaces (U+2007): lenet5:help prints the Javadoc as
// plain text that keeps line breaks and those spaces, but not the layout of a <pre>.
/**
 * Evaluates a model on the test images of its data and fails the build when its accuracy is below
 * {@code minAccuracy}, or, with {@code maxAccuracyDrop}, when it dropped more than that many
 * points below a baseline; and when TensorFlow Serving would not take the export as it is (the
 * serving check of {@code ./lenet5 check-serving}: numbered version, signatures, labels, the
 * model base's configuration, warmup requests answered as recorded). Writes the result as JSON and
 * as a JUnit XML report (one test case per gate) under {@code target/lenet5/verify}. The model is what {@code train} exported, a directory,
 * or a model published by another project ({@code modelArtifact}).
 *
 * <p>Example: fail below 98.5 % or more than 0.2 points below a published model's accuracy.
 *
 * <p>
 * &lt;plugin&gt;<br>
 * &#8199;&#8199;&lt;groupId&gt;org.lenet5&lt;/groupId&gt;<br>
 * &#8199;&#8199;&lt;artifactId&gt;lenet5-maven-plugin&lt;/artifactId&gt;<br>
 * &#8199;&#8199;&lt;version&gt;0.1.0-SNAPSHOT&lt;/version&gt;<br>
 * &#8199;&#8199;&lt;executions&gt;<br>
 * &#8199;&#8199;&#8199;&#8199;&lt;execution&gt;<br>
 * &#8199;&#8199;&#8199;&#8199;&#8199;&#8199;&lt;goals&gt;<br>
 * &#8199;&#8199;&#8199;&#8199;&#8199;&#8199;&#8199;&#8199;&lt;goal&gt;verify&lt;/goal&gt;<br>
 * &#8199;&#8199;&#8199;&#8199;&#8199;&#8199;&lt;/goals&gt;<br>
 * &#8199;&#8199;&#8199;&#8199;&#8199;&#8199;&lt;configuration&gt;<br>
 * &#8199;&#8199;&#8199;&#8199;&#8199;&#8199;&#8199;&#8199;&lt;minAccuracy&gt;98.5&lt;/minAccuracy&gt;<br>
 * &#8199;&#8199;&#8199;&#8199;&#8199;&#8199;&#8199;&#8199;&lt;maxAccuracyDrop&gt;0.2&lt;/maxAccuracyDrop&gt;<br>
 * &#8199;&#8199;&#8199;&#8199;&#8199;&#8199;&#8199;&#8199;&lt;baseline&gt;com.example:digits:1.0&lt;/baseline&gt;<br>
 * &#8199;&#8199;&#8199;&#8199;&#8199;&#8199;&lt;/configuration&gt;<br>
 * &#8199;&#8199;&#8199;&#8199;&lt;/execution&gt;<br>
 * &#8199;&#8199;&lt;/executions&gt;<br>
 * &lt;/plugin&gt;<br>
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class VerifyMojo extends AbstractLenet5Mojo {

  /**
   * The model to evaluate: a SavedModel version directory, or a model base directory whose
   * highest version is taken. By default, what {@code train} exported in this build.
   */
  @Parameter(property = Maven.MODEL, defaultValue = PropertyNames.DEFAULT_MODELS)
  File model;

  /**
   * A model published by a project (attached by its {@code train}): {@code
   * groupId:artifactId:version}, or {@code groupId:artifactId:version:classifier} for a
   * classifier other than {@code savedmodel}; resolved through the project's repositories.
   * Replaces {@code model}.
   */
  @Parameter(property = PropertyNames.MODEL_ARTIFACT)
  String modelArtifact;

  /** The lowest acceptable test accuracy, in percent. */
  @Parameter(property = PropertyNames.MIN_ACCURACY, defaultValue = "98.5")
  double minAccuracy;

  /**
   * The regression gate: fail when the accuracy is more than this many percentage points below
   * the baseline's. Unset: no regression gate.
   */
  @Parameter(property = PropertyNames.MAX_ACCURACY_DROP)
  Double maxAccuracyDrop;

  /**
   * What the regression gate compares against: {@code previous} (the version before the model's
   * in its model base), a SavedModel directory, or {@code groupId:artifactId:version} of a
   * published model.
   */
  @Parameter(property = PropertyNames.BASELINE, defaultValue = "previous")
  String baseline;

  /** Fail the build when a gate fails; {@code false} only warns. */
  @Parameter(property = PropertyNames.HALT_ON_FAILURE, defaultValue = "true")
  boolean haltOnFailure;

  /** Where the JSON and JUnit XML reports go, named after the execution. */
  @Parameter(property = PropertyNames.REPORTS_DIR, defaultValue = PropertyNames.DEFAULT_REPORTS)
  File reportsDir;

  /** Skips this goal only; {@code lenet5.skip} skips both. */
  @Parameter(property = PropertyNames.VERIFY_SKIP, defaultValue = "false")
  boolean skipVerify;

  @Component RepositorySystem repositorySystem;

  @Override
  String goal() {
    return "verification";
  }

  @Override
  boolean goalSkipped() {
    return skipVerify;
  }

  @Override
  String goalSkipParameter() {
    return "skipVerify";
  }

  @Override
  String goalSkipProperty() {
    return PropertyNames.VERIFY_SKIP;
  }

  @Override
  void run() throws MojoFailureException, MojoExecutionException {
    ParameterOrigin origin = origin();
    // Out of range, either is refused (and worded for Maven) before anything is evaluated.
    new AccuracyGates(minAccuracy,
        maxAccuracyDrop == null ? OptionalDouble.empty() : OptionalDouble.of(maxAccuracyDrop));
    requireWritable(reportsDir, "the reports directory", "reportsDir", PropertyNames.REPORTS_DIR);
    Target target = target(origin);
    Optional<Target> against = Optional.empty();
    String noBaseline = null;
    if (maxAccuracyDrop != null) {
      if (baseline.trim().equals("previous")) {
        against = ModelVerification.previous(target.directory())
            .map(dir -> new Target(dir, null, "version " + dir.getFileName()));
        noBaseline = "no version before " + target.directory() + " in its model base";
      } else if (ModelArtifacts.isCoordinates(baseline)) {
        against = Optional.of(new Target(resolve(baseline, origin.name("baseline",
            PropertyNames.BASELINE), "baseline"), baseline, baseline));
      } else {
        Path dir = project.getBasedir().toPath().resolve(baseline.trim());
        against = Optional.of(new Target(ModelVerification.version(dir).orElseThrow(
            () -> new MojoFailureException("No LeNet5 model at " + dir + " (" + origin.name(
                "baseline", PropertyNames.BASELINE) + "): set it to previous, a SavedModel directory"
                + " or groupId:artifactId:version")), null, dir.toString()));
      }
    }
    String dataset = trainedOn(target, origin);
    if (against.isPresent()) {
      requireTrainedOn(against.get(), target, origin);
    }
    RunSettings data = withDataDirectories(RunSettings.builder()).build();
    new ModelVerification(getLog(), forkedJvm(), origin)
        .verify(dataset,
            withEnvironment(ForkedGoal.evaluateRequest(dataset, data), DataSource.of(dataset),
                data),
            target, against,
            noBaseline, minAccuracy, maxAccuracyDrop, haltOnFailure, reportsDir.toPath(),
            "lenet5-verify-" + mojoExecution.getExecutionId());
  }

  /**
   * The dataset the model records it was trained on, which it is verified on.
   *
   * @throws MojoFailureException if the dataset parameter is set to another one
   */
  private String trainedOn(Target target, ParameterOrigin origin) throws MojoFailureException {
    DataDescription recorded = dataOf(target);
    if (origin.isSet("dataset", Maven.DATASET)) {
      DataSource asked = dataSource();
      if (!recorded.fits(asked)) {
        throw new MojoFailureException(
            origin.name("dataset", Maven.DATASET) + " is " + dataset + ", but the model "
                + target.directory() + " was trained on " + recorded.describe() + ";"
                + (recorded.isBuiltIn() ? "" : " set it to a folder of those classes, or")
                + " leave it out to verify the model on " + recorded.dataset());
      }
      return asked.id();
    }
    return recorded.dataset();
  }

  /** Refuses a baseline trained on another dataset than the model: the two are not comparable. */
  private static void requireTrainedOn(
      Target baseline, Target target, ParameterOrigin origin) throws MojoFailureException {
    DataDescription model = dataOf(target);
    DataDescription base = dataOf(baseline);
    if (!base.fits(model)) {
      throw new MojoFailureException(
          "The baseline " + baseline.directory() + " ("
              + origin.name("baseline", PropertyNames.BASELINE) + ") was trained on "
              + base.describe() + ", the model " + target.directory() + " on " + model.describe()
              + "; set it to a model trained on " + model.dataset() + ", or leave out "
              + origin.name("maxAccuracyDrop", PropertyNames.MAX_ACCURACY_DROP));
    }
  }

  private static DataDescription dataOf(Target target) {
    return ModelDescription.read(target.directory().resolve(SavedModelExporter.DESCRIPTION))
        .data();
  }



  /** The model to verify: by coordinates, as {@code train} left it, or the given directory. */
  private Target target(ParameterOrigin origin) throws MojoFailureException {
    if (modelArtifact != null && !modelArtifact.isBlank()) {
      if (origin.isSet("model", Maven.MODEL)) {
        throw new MojoFailureException("Set either " + origin.name("model", Maven.MODEL)
            + " or " + origin.name("modelArtifact", PropertyNames.MODEL_ARTIFACT) + ", not both");
      }
      return new Target(
          resolve(modelArtifact, origin.name("modelArtifact", PropertyNames.MODEL_ARTIFACT), "model"),
          modelArtifact, modelArtifact);
    }
    if (!model.exists()) {
      throw new MojoFailureException(
          "No LeNet5 model at " + model + ": run lenet5:train first, or set <model> ("
              + Maven.MODEL + ") to an exported model directory, or <modelArtifact> ("
              + PropertyNames.MODEL_ARTIFACT + ") to a published model's coordinates");
    }
    Optional<Path> trained = TrainedModels.recorded(project, model.toPath());
    Path directory = trained.or(() -> ModelVerification.version(model.toPath())).orElseThrow(
        () -> new MojoFailureException(model + " holds no SavedModel (no saved_model.pb, nor a"
            + " numbered version directory with one); run lenet5:train first"));
    return new Target(directory, null, directory.toString());
  }

  private Path resolve(String coordinates, String parameter, String role)
      throws MojoFailureException {
    return ModelArtifacts.resolve(coordinates, parameter, repositorySystem, session, project,
        Path.of(project.getBuild().getDirectory(), "lenet5", "artifacts", role));
  }
}
