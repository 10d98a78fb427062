package org.lenet5.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.lenet5.HeapExhaustedException;
import org.lenet5.Lenet5Exception;
import org.lenet5.data.Augmentation;
import org.lenet5.data.ContentSplit;
import org.lenet5.data.DataDescription;
import org.lenet5.data.LabeledImages;
import org.lenet5.data.ModelInput;
import org.lenet5.data.Permutation;
import org.lenet5.data.Preprocessing;
import org.lenet5.data.SourceImages;
import org.lenet5.device.CpuKernels;
import org.lenet5.device.Devices;
import org.lenet5.device.Placement;
import org.lenet5.export.SavedModelExporter;
import org.lenet5.model.Evaluation;
import org.lenet5.model.Lenet5Checkpoint;
import org.lenet5.model.Lenet5Graph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Graph;
import org.tensorflow.Session;

/**
 * Trains LeNet5: loads and preprocesses the data, builds the graph, runs Adam over shuffled
 * batches, saves the trained weights, if asked exports a SavedModel, and evaluates the saved
 * weights on the test set.
 *
 * <pre>{@code
 * TrainingResult result = new Trainer(Recipe.reference()).train();
 * TrainingResult other =
 *     new Trainer(Recipe.builder().epochs(3).build(),
 *             RunSettings.builder().exportDir(Path.of("models/lenet5")).build())
 *         .train();
 * }</pre>
 */
public final class Trainer {

  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

  /** Name of the checkpoint directory inside the run directory. */
  public static final String CHECKPOINT_DIR = "checkpoint";

  /**
   * Name of the directory, inside the run directory, of the weights of the epoch of best
   * validation accuracy so far, when the recipe keeps the best weights.
   */
  public static final String BEST_DIR = "best";

  /** The key, in a model's description, of the number of epochs its run trained. */
  public static final String EPOCHS_TRAINED = "training.epochs";

  /** The key, in a model's description, of the epoch whose weights it holds. */
  public static final String KEPT_EPOCH = "training.keptEpoch";

  private final Recipe recipe;
  private final RunSettings settings;
  private final Optional<Checkpoints.Saved> resumeFrom;
  private final List<TrainingListener> listeners = new ArrayList<>();
  private Augmentation augmentation;

  /** A trainer for {@code recipe} with the default {@link RunSettings}. */
  public Trainer(Recipe recipe) {
    this(recipe, RunSettings.defaults());
  }

  /** A trainer for {@code recipe} that runs as {@code settings} say. */
  public Trainer(Recipe recipe, RunSettings settings) {
    this(recipe, settings, Optional.empty());
  }

  private Trainer(Recipe recipe, RunSettings settings, Optional<Checkpoints.Saved> resumeFrom) {
    this.recipe = Objects.requireNonNull(recipe, "recipe");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.resumeFrom = resumeFrom;
  }

  /**
   * The newest complete epoch checkpoint of a run directory: what an interrupted run, which has
   * neither its final checkpoint nor an export, can still be evaluated or resumed from.
   */
  public static Optional<Path> newestEpochCheckpoint(Path runDir) {
    return new Checkpoints(runDir, Integer.MAX_VALUE).latest().map(Checkpoints.Saved::directory);
  }

  /**
   * The recipe of the run in {@code runDir} as its newest complete checkpoint records it: what
   * {@link #resume} continues with, for a front end to compare with what its user asked for.
   *
   * @throws NothingToResumeException if {@code runDir} holds no complete checkpoint
   */
  public static Recipe savedRecipe(Path runDir) {
    return latestCheckpoint(runDir, Integer.MAX_VALUE).state().recipe();
  }

  /**
   * The run settings of the run in {@code runDir} that belong to the run, as its newest complete
   * checkpoint records them — how often it checkpoints, how many checkpoints it keeps, its log
   * interval, whether it evaluates every epoch — the others at their defaults: what a front end
   * starts a {@link #resume} from, setting over them what its user gave.
   *
   * @throws NothingToResumeException if {@code runDir} holds no complete checkpoint
   */
  public static RunSettings savedSettings(Path runDir) {
    return latestCheckpoint(runDir, Integer.MAX_VALUE).state().schedule();
  }

  /**
   * A trainer that continues the run in {@code runDir} from its newest complete checkpoint, with
   * the run's own recipe ({@link #savedRecipe}) and the given {@code settings} (their output
   * directory is {@code runDir}, whatever they say; start from {@link #savedSettings} to keep the
   * run's schedule). The resumed run ends with the same weights
   * as an uninterrupted one.
   *
   * @throws NothingToResumeException if {@code runDir} holds no complete checkpoint
   */
  public static Trainer resume(Path runDir, RunSettings settings) {
    Checkpoints.Saved saved = latestCheckpoint(runDir, settings.keepCheckpoints());
    return new Trainer(
        saved.state().recipe(), settings.toBuilder().outputDir(runDir).build(), Optional.of(saved));
  }

  private static Checkpoints.Saved latestCheckpoint(Path runDir, int keep) {
    return new Checkpoints(runDir, keep)
        .latest()
        .orElseThrow(
            () ->
                new NothingToResumeException(
                    runDir.resolve(Checkpoints.DIR) + " holds no complete checkpoint"));
  }

  /** Adds a listener that observes the run. */
  public Trainer addListener(TrainingListener listener) {
    listeners.add(listener);
    return this;
  }

  /**
   * Runs the training.
   *
   * @throws RunDirectoryInUseException if a new run's output directory holds checkpoints
   * @throws HeapExhaustedException if the data and the run need more heap than the JVM may take
   * @throws Lenet5Exception on other bad input (data files, output directory) or a diverging loss
   */
  public TrainingResult train() {
    try {
      return trainWithinHeap();
    } catch (OutOfMemoryError e) {
      // The arrays that ran out are unreachable once the stack unwinds: there is heap again
      // for the message, and the checkpoints saved so far are complete.
      throw HeapExhaustedException.of("training", e);
    }
  }

  private TrainingResult trainWithinHeap() {
    long started = System.nanoTime();
    Placement placement =
        Placement.resolve(
            settings.device(), Devices.available(), Devices.isGpuBuild(),
            settings.gpuMemoryFraction());
    placement.warning().ifPresent(LOG::warn);
    if (!placement.device().isGpu()) {
      CpuKernels.advice(System.getenv()).ifPresent(LOG::warn);
    }
    // The data first: bad data fails the run before anything is written.
    SourceImages data = recipe.dataset().load(settings.dataLocator(), recipe.skipUnreadable());
    DataDescription description = data.description();
    settings.exportDir().ifPresent(base -> SavedModelExporter.requireSameData(base, description));
    Preprocessing preprocessing = description.preprocessing();
    augmentation = recipe.augment() ? new Augmentation(preprocessing) : null;
    LabeledImages trainImages =
        recipe.limitTrain() > 0 ? data.train().first(recipe.limitTrain()) : data.train();
    // The source's own validation images, if it has some; else a share held out by content.
    if (data.validation().isPresent() && recipe.validationSplit() > 0
        && recipe.validationSplitGiven()) {
      LOG.warn("{} has validation images of its own: the run validates on them, not on a share"
          + " of the training images (a validation split of 0 turns validation off)",
          recipe.dataset().id());
    }
    if (recipe.monitor() != Monitor.ACCURACY && recipe.earlyStop() == 0
        && recipe.keep() == KeptWeights.LAST) {
      LOG.warn("The monitored figure ({}) decides nothing without early stopping or keeping the"
          + " best weights", recipe.monitor().id());
    }
    ContentSplit.Sides split =
        data.validation().isPresent() && recipe.validationSplit() > 0
            ? new ContentSplit.Sides(trainImages, data.validation().get())
            : ContentSplit.split(
                trainImages, recipe.validationSplit(), ContentSplit.Purpose.VALIDATION);
    ModelInput train = preprocessing.apply(split.kept());
    // Each epoch is scored on the validation images when there are some, so that the test set
    // is scored once, at the end, on the model the run keeps.
    ModelInput scored =
        split.heldOut().count() > 0 ? preprocessing.apply(split.heldOut())
            : preprocessing.apply(data.test());
    if (train.count() < recipe.batchSize() && recipe.limitTrain() == 0) {
      LOG.warn("{} training images are fewer than a batch of {}: each epoch is one smaller step",
          train.count(), recipe.batchSize());
    }
    LOG.debug("Data loaded and preprocessed in {} s", seconds(started));
    Path outputDir = prepareOutputDir();
    Checkpoints checkpoints = new Checkpoints(outputDir, settings.keepCheckpoints());
    if (resumeFrom.isEmpty() && checkpoints.latest().isPresent()) {
      throw new RunDirectoryInUseException(outputDir);
    }
    checkpoints.removeLeftovers();
    Lenet5Checkpoint.removeLeftovers(outputDir.resolve(CHECKPOINT_DIR));
    settings.exportDir().ifPresent(SavedModelExporter::requireWritable);

    List<EpochResult> epochs =
        new ArrayList<>(resumeFrom.map(saved -> saved.state().epochs()).orElse(List.of()));
    Map<String, String> identity = ModelFingerprint.of(recipe).identity();
    Path checkpoint;
    int keptEpoch;
    Map<String, String> outcome;
    try (Graph graph = new Graph()) {
      Lenet5Graph model =
          Lenet5Graph.forTraining(
              graph, recipe.variant(), description.classes(), recipe.seed());
      TrainingStep trainStep = new TrainingStep(graph, model, recipe);
      int steps = (train.count() + recipe.batchSize() - 1) / recipe.batchSize();
      TrainingStart start =
          new TrainingStart(
              recipe, settings, model.summary(), train.count(), scored.count(), steps, placement,
              epochs.size() + 1, resumeFrom.map(Checkpoints.Saved::directory), outputDir,
              graph.toGraphDef());
      try (Session session = new Session(graph, placement.config())) {
        // Restored before the listeners hear of the run, so that a checkpoint that cannot be
        // restored fails the resume before anything new (an event file, a report) is written.
        if (resumeFrom.isPresent()) {
          Lenet5Checkpoint.restore(session, resumeFrom.get().directory());
        }
        listeners.forEach(listener -> listener.onTrainingStart(start));
        boolean decidesEachEpoch = recipe.earlyStop() > 0 || recipe.keep() == KeptWeights.BEST;
        boolean stopped = EarlyStopping.stopsAfter(recipe, epochs);
        for (int epoch = epochs.size() + 1; epoch <= recipe.epochs() && !stopped; epoch++) {
          EpochResult trained = runEpoch(session, trainStep, train, epoch);
          if (settings.evaluateEachEpoch() || decidesEachEpoch || epoch == recipe.epochs()) {
            Evaluator.Score score = Evaluator.score(session, model, scored);
            trained = trained.withScore(score.evaluation().accuracy(), score.meanLoss());
          }
          EpochResult result = trained;
          epochs.add(result);
          stopped = EarlyStopping.stopsAfter(recipe, epochs);
          if (recipe.keep() == KeptWeights.BEST
              && EarlyStopping.bestEpoch(recipe, epochs).orElse(0) == epoch) {
            Lenet5Checkpoint.save(
                session, recipe.variant(), description, identity, outputDir.resolve(BEST_DIR),
                Map.of());
          }
          if (settings.checkpointEvery() > 0
              && (epoch % settings.checkpointEvery() == 0 || epoch == recipe.epochs()
                  || stopped)) {
            checkpoints.save(
                session, new TrainingState(recipe, settings, epochs), description, identity);
          }
          listeners.forEach(listener -> listener.onEpochEnd(result));
        }
        keptEpoch = epochs.size();
        if (recipe.keep() == KeptWeights.BEST) {
          keptEpoch = EarlyStopping.bestEpoch(recipe, epochs).orElseThrow();
          if (keptEpoch != epochs.size()) {
            // The best epoch's weights, bit for bit, as its checkpoint saved them.
            Lenet5Checkpoint.restore(session, outputDir.resolve(BEST_DIR));
          }
        }
        Map<String, String> described = new TreeMap<>(identity);
        described.put(EPOCHS_TRAINED, String.valueOf(epochs.size()));
        described.put(KEPT_EPOCH, String.valueOf(keptEpoch));
        checkpoint =
            Lenet5Checkpoint.save(
                    session, recipe.variant(), description, described,
                    outputDir.resolve(CHECKPOINT_DIR), Map.of())
                .getParent();
        outcome = described;
      }
    }
    // The training session is closed: the export and the evaluation build their own graphs.
    Optional<Path> savedModel =
        settings
            .exportDir()
            .map(base -> SavedModelExporter.export(checkpoint, base, outcome, data.test()));
    // The saved weights, scored as evaluate and verify score them, on the run's device.
    Evaluation evaluation = Evaluator.evaluateRun(checkpoint, data.test(), placement.config());
    TrainingResult result =
        new TrainingResult(
            recipe, settings, description, data.test(), epochs, keptEpoch, evaluation,
            seconds(started), outputDir, checkpoint, savedModel);
    listeners.forEach(listener -> listener.onTrainingEnd(result));
    return result;
  }

  private EpochResult runEpoch(
      Session session, TrainingStep trainStep, ModelInput train, int epoch) {
    long started = System.nanoTime();
    int count = train.count();
    int batchSize = recipe.batchSize();
    int[] order = shuffledOrder(count, epoch);
    float learningRate = recipe.learningRate(epoch);
    SplittableRandom distortions = new SplittableRandom(recipe.seed() * 7_919L + epoch);
    float[] batchPixels = new float[batchSize * Preprocessing.MODEL_PIXELS];
    float[] original = augmentation == null ? null : new float[Preprocessing.MODEL_PIXELS];
    int[] batchLabels = new int[batchSize];
    double lossSum = 0;
    int step = 0;
    for (int first = 0; first < count; first += batchSize) {
      int size = Math.min(batchSize, count - first);
      for (int i = 0; i < size; i++) {
        int image = order[first + i];
        if (augmentation != null) {
          train.copyImages(image, 1, original, 0);
          augmentation.distort(
              original, 0, batchPixels, i * Preprocessing.MODEL_PIXELS, distortions);
        } else {
          train.copyImages(image, 1, batchPixels, i * Preprocessing.MODEL_PIXELS);
        }
        batchLabels[i] = train.labels()[image];
      }
      step++;
      float loss = trainStep.run(session, batchPixels, batchLabels, size, learningRate);
      requireFinite(loss, epoch, step);
      lossSum += loss;
      int currentStep = step;
      listeners.forEach(listener -> listener.onStep(epoch, currentStep, loss));
    }
    return new EpochResult(
        epoch,
        lossSum / step,
        seconds(started),
        count,
        ProcessMemory.residentBytes(),
        OptionalDouble.empty(),
        OptionalDouble.empty());
  }

  /**
   * Stops a diverging run: a NaN or infinite loss will not recover, and every further step would
   * only overwrite good weights.
   *
   * @throws Lenet5Exception naming the step and suggesting a lower learning rate
   */
  void requireFinite(float loss, int epoch, int step) {
    if (!Float.isFinite(loss)) {
      throw new Lenet5Exception(
          String.format(
              Locale.ROOT,
              "training diverged: the loss is %s at epoch %d, step %d; lower the learning rate"
                  + " (now %s) and train again (checkpoints of the epochs before stay in %s)",
              loss, epoch, step, recipe.learningRate(epoch),
              settings.outputDir().map(dir -> dir.resolve(Checkpoints.DIR).toString())
                  .orElse(Checkpoints.DIR)));
    }
  }

  /** A permutation of {@code 0..count-1} that depends only on the seed and the epoch. */
  private int[] shuffledOrder(int count, int epoch) {
    return Permutation.shuffled(count, recipe.seed() * 1_000_003L + epoch);
  }

  private Path prepareOutputDir() {
    Path dir = settings.outputDir().orElseGet(() -> RunDirectories.fresh(RunDirectories.DEFAULT));
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new Lenet5Exception(
          "output path " + dir + " is a file; choose a directory for the run's outputs");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new Lenet5Exception(
          "cannot create the output directory " + dir + " (" + e + "); choose a writable one");
    }
    if (!Files.isWritable(dir)) {
      throw new Lenet5Exception(
          "the output directory " + dir + " is not writable; choose a writable one");
    }
    return dir;
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
