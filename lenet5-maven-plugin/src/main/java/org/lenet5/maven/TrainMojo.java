package org.lenet5.maven;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProjectHelper;
import org.lenet5.export.ModelCache;
import org.lenet5.frontend.ParameterNames.Maven;
import org.lenet5.train.Defaults;
import org.lenet5.train.InvalidConfigException;
import org.lenet5.train.NamedRecipe;
import org.lenet5.train.ParameterDescriptor;
import org.lenet5.train.ParameterDescriptor.Exposure;
import org.lenet5.train.Recipe;
import org.lenet5.train.RecipeParameter;
import org.lenet5.train.ResumeConflictException;
import org.lenet5.train.RunDirectories;
import org.lenet5.train.RunSetting;
import org.lenet5.train.RunSettings;
import org.lenet5.train.Trainer;

// The example's lines are indented with figure spaces (U+2007): lenet5:help prints the Javadoc as
// plain text that keeps line breaks and those spaces, but not the layout of a <pre>.
/**
 * Trains LeNet5, saves the weights and exports the next SavedModel version, then attaches the
 * zipped SavedModel to the project (classifier {@code savedmodel}), so that {@code mvn install}
 * and {@code deploy} publish it. A model of the same recipe already in the model base or in the
 * local model cache is used instead of training again. It trains the recipe that the {@code
 * recipe} parameter names ({@code reference} by default: 10 epochs, batch 64, Adam 0.001), with
 * the recipe parameters you set ({@code epochs}, {@code seed}, ...) replacing its values.
 *
 * <p>Example:
 *
 * <p>
 * &lt;plugin&gt;<br>
 * &#8199;&#8199;&lt;groupId&gt;org.lenet5&lt;/groupId&gt;<br>
 * &#8199;&#8199;&lt;artifactId&gt;lenet5-maven-plugin&lt;/artifactId&gt;<br>
 * &#8199;&#8199;&lt;version&gt;0.1.0-SNAPSHOT&lt;/version&gt;<br>
 * &#8199;&#8199;&lt;configuration&gt;<br>
 * &#8199;&#8199;&#8199;&#8199;&lt;epochs&gt;10&lt;/epochs&gt;<br>
 * &#8199;&#8199;&lt;/configuration&gt;<br>
 * &lt;/plugin&gt;<br>
 *
 * <p>Run it with {@code mvn lenet5:train}; the model lands in {@code
 * target/lenet5/models/<version>}. {@code -Dlenet5.force=true} trains even when up to date.
 */
@Mojo(name = "train", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public final class TrainMojo extends AbstractLenet5Mojo {

  /**
   * The named recipe to start from: {@code reference} (the tutorial's) or {@code augmented} (45
   * epochs on distorted images, Adam 0.002 multiplied by 0.9 after every epoch). Recipe
   * parameters that are set ({@code variant}, {@code augment}, {@code epochs}, {@code batchSize},
   * {@code learningRate}, {@code learningRateDecay}, {@code seed}, {@code limitTrain}) override its
   * values.
   */
  @Parameter(property = Maven.RECIPE, defaultValue = Defaults.RECIPE)
  String recipe;

  /**
   * The architecture: {@code reference} (the tutorial's, with BatchNorm), {@code no-batchnorm} or
   * {@code classic} (LeCun 1998: tanh, average pooling, C5 as a convolution). Default: the
   * recipe's ({@code reference}).
   */
  @Parameter(property = "lenet5.variant")
  String variant;

  /** Train on randomly shifted and rotated images. Default: the recipe's. */
  @Parameter(property = "lenet5.augment")
  Boolean augment;

  /** Evaluate the test set after every epoch, for the learning curves, or only after the last. */
  @Parameter(
      property = "lenet5.evaluateEachEpoch",
      defaultValue = Defaults.EVALUATE_EACH_EPOCH)
  boolean evaluateEachEpoch;

  /** Passes over the training set. Default: the recipe's (reference: 10). */
  @Parameter(property = "lenet5.epochs")
  Integer epochs;

  /** Images per training step. Default: the recipe's (64). */
  @Parameter(property = "lenet5.batchSize")
  Integer batchSize;

  /** Adam's learning rate. Default: the recipe's (reference: 0.001). */
  @Parameter(property = "lenet5.learningRate")
  Double learningRate;

  /**
   * The learning rate is multiplied by this after every epoch; 1 keeps it constant. Default: the
   * recipe's (reference: 1).
   */
  @Parameter(property = "lenet5.learningRateDecay")
  Double learningRateDecay;

  /** Seeds the initial weights and the shuffling: same seed, same model. Default: 1. */
  @Parameter(property = "lenet5.seed")
  Long seed;

  /**
   * Train on the first N training images only, for quick runs; 0 means all 60,000. Default: 0.
   */
  @Parameter(property = "lenet5.limitTrain")
  Integer limitTrain;

  /**
   * Hold out this share of the training images, chosen by their content, to validate on after
   * every epoch, 0 to 1 (exclusive); 0 for none. Default: none for the built-in datasets, 0.1 for
   * an image folder.
   */
  @Parameter(property = "lenet5.validationSplit")
  Double validationSplit;

  /**
   * Stop when this many epochs in a row bring no better validation accuracy; 0 trains every
   * epoch. Needs a validation split. Default: 0.
   */
  @Parameter(property = "lenet5.earlyStop")
  Integer earlyStop;

  /**
   * For early stopping, an epoch improves on the best validation accuracy (0-1), or loss, only by
   * more than this. Default: 0.
   */
  @Parameter(property = "lenet5.earlyStopMinDelta")
  Double earlyStopMinDelta;

  /**
   * Which weights the build keeps, exports and verifies: {@code last} (the last epoch's) or
   * {@code best} (the epoch of best validation accuracy). Default: {@code last}.
   */
  @Parameter(property = "lenet5.keep")
  String keep;

  /**
   * What early stopping and {@code <keep>best</keep>} judge epochs by: {@code accuracy} (the
   * validation accuracy, higher is better) or {@code loss} (the validation loss, lower is
   * better). Default: {@code accuracy}.
   */
  @Parameter(property = "lenet5.monitor")
  String monitor;

  /** Log the loss every this many steps. */
  @Parameter(property = "lenet5.logEvery", defaultValue = Defaults.LOG_EVERY)
  int logEvery;

  /**
   * Leave out files of the project's own images that cannot be read as images, with a count,
   * instead of failing the build. Default: false.
   */
  @Parameter(property = "lenet5.skipUnreadable")
  Boolean skipUnreadable;

  /**
   * Where runs go: each training creates a run directory under it, named by its start time, with
   * its epoch checkpoints and final weights.
   */
  @Parameter(property = PropertyNames.RUNS_DIR, defaultValue = "${project.build.directory}/lenet5/runs")
  File runsDir;

  /** Model base directory: the SavedModel is exported as its next numbered version. */
  @Parameter(property = Maven.EXPORT_DIR, defaultValue = PropertyNames.DEFAULT_MODELS)
  File exportDir;

  /**
   * Where to run: {@code auto} (a GPU if TensorFlow sees one, else the CPU), {@code cpu}, {@code
   * gpu} or {@code gpu:N}. A GPU needs TensorFlow's GPU build, see docs/gpu.md.
   */
  @Parameter(property = "lenet5.device", defaultValue = Defaults.DEVICE)
  String device;

  /** Caps TensorFlow's share of GPU memory, 0-1; 0 lets it grow as needed. */
  @Parameter(
      property = "lenet5.gpuMemoryFraction",
      defaultValue = Defaults.GPU_MEMORY_FRACTION)
  double gpuMemoryFraction;

  /** Save a resumable checkpoint every this many epochs; 0: none. */
  @Parameter(property = "lenet5.checkpointEvery", defaultValue = Defaults.CHECKPOINT_EVERY)
  int checkpointEvery;

  /** Keep the newest N epoch checkpoints. */
  @Parameter(property = "lenet5.keepCheckpoints", defaultValue = Defaults.KEEP_CHECKPOINTS)
  int keepCheckpoints;

  /**
   * Continue the newest run under {@code runsDir} from its newest checkpoint, with that run's own
   * recipe, instead of starting a new one.
   */
  @Parameter(property = Maven.RESUME, defaultValue = "false")
  boolean resume;

  /** Train even when the model base or the model cache already holds this recipe's model. */
  @Parameter(property = PropertyNames.FORCE, defaultValue = "false")
  boolean force;

  /**
   * The local model cache, shared by every project of the user: exports by fingerprint, so that
   * {@code mvn clean verify} reuses a model trained before. Default: {@code ~/.lenet5/models}.
   */
  @Parameter(property = PropertyNames.MODEL_CACHE)
  File modelCache;

  /** Attach the zipped SavedModel to the project, so that install and deploy publish it. */
  @Parameter(property = PropertyNames.ATTACH, defaultValue = "true")
  boolean attach;

  /** The classifier of the attached zip; one per train execution of a project. */
  @Parameter(property = PropertyNames.CLASSIFIER, defaultValue = PropertyNames.DEFAULT_CLASSIFIER)
  String classifier;

  /** Skips this goal only; {@code lenet5.skip} skips both. */
  @Parameter(property = PropertyNames.TRAIN_SKIP, defaultValue = "false")
  boolean skipTrain;

  @Component MavenProjectHelper projectHelper;

  @Override
  String goal() {
    return "training";
  }

  @Override
  boolean goalSkipped() {
    return skipTrain;
  }

  @Override
  String goalSkipParameter() {
    return "skipTrain";
  }

  @Override
  String goalSkipProperty() {
    return PropertyNames.TRAIN_SKIP;
  }

  @Override
  void run() throws MojoFailureException, MojoExecutionException {
    Recipe asked = askedRecipe();
    requireWritable(exportDir, "the model base", "exportDir", Maven.EXPORT_DIR);
    requireWritable(runsDir, "the runs directory", "runsDir", PropertyNames.RUNS_DIR);
    ModelTraining training =
        new ModelTraining(
            getLog(), forkedJvm(),
            Optional.of(new ModelCache(
                modelCache == null ? ModelCache.defaultRoot() : modelCache.toPath())));
    Path model;
    if (resume) {
      Path runDir = RunDirectories.newest(runsDir.toPath());
      Recipe saved = Trainer.savedRecipe(runDir);
      requireSameRecipe(saved, asked, runDir);
      RunSettings settings = runSettings(Trainer.savedSettings(runDir), runDir);
      model =
          training.train(
              withEnvironment(ForkedGoal.trainRequest(saved, settings, true), saved.dataset(),
                  settings));
    } else {
      RunSettings settings =
          runSettings(RunSettings.defaults(), RunDirectories.fresh(runsDir.toPath()));
      model =
          training.model(asked, exportDir.toPath(), force,
              withEnvironment(ForkedGoal.trainRequest(asked, settings, false), asked.dataset(),
                  settings));
    }
    TrainedModels.record(project, exportDir.toPath(), model);
    if (attach) {
      attach(model);
    }
  }

  /**
   * The run settings the parameters give over {@code schedule}'s: the defaults for a new run, the
   * run's own for a resumed one. Where the data is and goes, and the device, are always this
   * build's; the schedule (checkpoints, log interval, per-epoch evaluation) only where set, as on
   * the command line.
   */
  private RunSettings runSettings(RunSettings schedule, Path runDir) {
    ParameterOrigin origin = origin();
    return RunSetting.setGiven(
            withDataDirectories(schedule.toBuilder()),
            setting ->
                !setting.recordedByRuns()
                        || origin.isSet(setting.id(), Maven.PREFIX + setting.id())
                    ? parameterValue(setting, runDir)
                    : null)
        .build();
  }

  /**
   * A run setting's parameter value: the field named as the setting, a path for a directory; the
   * data directories are set already.
   */
  private Object parameterValue(RunSetting setting, Path runDir) {
    return switch (setting) {
      case OUTPUT_DIR -> runDir;
      case DATA_DIR, CACHE_DIR -> null;
      default -> {
        Object value = fieldValue(setting);
        yield value instanceof File file ? file.toPath() : value;
      }
    };
  }

  /**
   * Refuses recipe parameters set to another value than the run to resume was trained with, as
   * the command line does: the same build with {@code -Dlenet5.resume=true} added continues it.
   */
  private void requireSameRecipe(Recipe saved, Recipe asked, Path runDir)
      throws MojoFailureException {
    ParameterOrigin origin = origin();
    try {
      RecipeParameter.requireSame(saved, asked, runDir, this::isSet,
          origin.isSet("recipe", Maven.RECIPE) ? Optional.of(recipe) : Optional.empty());
    } catch (ResumeConflictException e) {
      throw new MojoFailureException(
          MavenMessages.of(e, name -> origin.name(name, Maven.of(name))));
    }
  }

  /** Whether a recipe parameter is set: a recipe parameter's field is null unless it is. */
  private boolean isSet(RecipeParameter parameter) {
    return parameter == RecipeParameter.DATASET
        ? origin().isSet("dataset", Maven.DATASET)
        : valueSet(parameter) != null;
  }

  /** A recipe parameter's value as set in the POM or as a property, null if it is not. */
  private Object valueSet(RecipeParameter parameter) {
    return parameter.exposure() == Exposure.OPTION ? fieldValue(parameter) : null;
  }

  /** The value of the field named as {@code descriptor}: the goal's parameter of that name. */
  private Object fieldValue(ParameterDescriptor descriptor) {
    try {
      return field(getClass(), descriptor.id()).get(this);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The field of {@code type} or a superclass named {@code name}. */
  static Field field(Class<?> type, String name) {
    for (Class<?> owner = type; owner != null; owner = owner.getSuperclass()) {
      try {
        return owner.getDeclaredField(name);
      } catch (NoSuchFieldException e) {
        // Declared further up, if at all.
      }
    }
    throw new IllegalStateException(type.getSimpleName() + " has no parameter " + name);
  }

  /**
   * The named recipe with the recipe parameters that are set over its values.
   *
   * @throws MojoFailureException naming the parameter of an unknown recipe, variant or dataset
   */
  private Recipe askedRecipe() throws MojoFailureException {
    try {
      return RecipeParameter.setGiven(
              NamedRecipe.fromId(recipe).builder().dataset(dataSource()), this::valueSet)
          .build();
    } catch (InvalidConfigException e) {
      if (!e.namesAChoice()) {
        throw e;
      }
      getLog().debug(e);
      throw new MojoFailureException("Invalid "
          + origin().asSet(e.parameter(), Maven.of(e.parameter())) + ": " + e.problem());
    }
  }

  /**
   * Zips and attaches the model, which must be one a build finished and whose files are as
   * exported: a damaged model is never installed or deployed.
   */
  private void attach(Path model) throws MojoFailureException, MojoExecutionException {
    Optional<String> problem = ExportRecords.problemWith(model);
    if (problem.isPresent()) {
      throw new MojoFailureException(
          "Not attaching the LeNet5 model " + model + ": " + problem.get() + "; train it again"
              + " with -D" + PropertyNames.FORCE + "=true, or mvn clean first");
    }
    if (TrainedModels.attached(project, classifier)) {
      throw new MojoFailureException(
          "Another lenet5:train execution of " + project.getArtifactId() + " already attached a"
              + " model with the classifier '" + classifier + "'; give this execution its own"
              + " <classifier>, or <attach>false</attach>");
    }
    Path zip = Path.of(project.getBuild().getDirectory(), "lenet5",
        project.getBuild().getFinalName() + "-" + classifier + "." + ModelArtifacts.TYPE);
    try {
      ModelArtifacts.zip(model, zip);
    } catch (IOException e) {
      throw new MojoExecutionException("cannot zip the SavedModel " + model + ": " + e, e);
    }
    projectHelper.attachArtifact(project, ModelArtifacts.TYPE, classifier, zip.toFile());
    getLog().info("Attached " + model + " as " + project.getGroupId() + ":"
        + project.getArtifactId() + ":" + ModelArtifacts.TYPE + ":" + classifier + ":"
        + project.getVersion());
  }
}
