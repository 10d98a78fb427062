package org.lenet5.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.lenet5.HeapExhaustedException;
import org.lenet5.Lenet5Exception;
import org.lenet5.data.Augmentation;
import org.lenet5.data.MnistDataset;
import org.lenet5.data.ModelInput;
import org.lenet5.data.Permutation;
import org.lenet5.data.Preprocessing;
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
 * batches, evaluates the test set, saves the trained weights and, if asked, exports a SavedModel.
 *
 * <pre>{@code
 * TrainingResult result = new Trainer(TrainingConfig.defaults()).train();
 * }</pre>
 */
public final class Trainer {

  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

  /** Name of the checkpoint directory inside the run directory. */
  public static final String CHECKPOINT_DIR = "checkpoint";

  private final TrainingConfig config;
  private final Optional<Checkpoints.Saved> resumeFrom;
  private final List<TrainingListener> listeners = new ArrayList<>();
  private final Augmentation augmentation;

  /** A trainer for the given configuration. */
  public Trainer(TrainingConfig config) {
    this(config, Optional.empty());
  }

  private Trainer(TrainingConfig config, Optional<Checkpoints.Saved> resumeFrom) {
    this.config = config;
    this.resumeFrom = resumeFrom;
    this.augmentation =
        config.augment()
            ? new Augmentation(Preprocessing.forDataset(config.dataset()))
            : null;
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
  public static TrainingConfig savedRecipe(Path runDir) {
    return latestCheckpoint(runDir, Integer.MAX_VALUE).state().recipe();
  }

  /**
   * A trainer that continues the run in {@code runDir} from its newest complete checkpoint, with
   * the run's own recipe (epochs, batch size, learning rate, seed, ...). The run settings are
   * taken from {@code settings}: where the data comes from, where the model is exported, the
   * device, how many checkpoints are kept and how often one is saved, the log interval and
   * whether each epoch is evaluated. The resumed run ends with the same weights as an
   * uninterrupted one.
   *
   * @throws NothingToResumeException if {@code runDir} holds no complete checkpoint
   */
  public static Trainer resume(Path runDir, TrainingConfig settings) {
    Checkpoints.Saved saved = latestCheckpoint(runDir, settings.keepCheckpoints());
    TrainingConfig config =
        saved
            .state()
            .recipe()
            .toBuilder()
            .dataDir(settings.dataDir().orElse(null))
            .cacheDir(settings.cacheDir().orElse(null))
            .exportDir(settings.exportDir().orElse(null))
            .device(settings.device())
            .gpuMemoryFraction(settings.gpuMemoryFraction())
            .keepCheckpoints(settings.keepCheckpoints())
            .checkpointEvery(settings.checkpointEvery())
            .logEvery(settings.logEvery())
            .evaluateEachEpoch(settings.evaluateEachEpoch())
            .outputDir(runDir)
            .build();
    return new Trainer(config, Optional.of(saved));
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
            config.device(), Devices.available(), Devices.isGpuBuild(),
            config.gpuMemoryFraction());
    placement.warning().ifPresent(LOG::warn);
    if (!placement.device().isGpu()) {
      CpuKernels.advice(System.getenv()).ifPresent(LOG::warn);
    }
    Path outputDir = prepareOutputDir();
    Checkpoints checkpoints = new Checkpoints(outputDir, config.keepCheckpoints());
    if (resumeFrom.isEmpty() && checkpoints.latest().isPresent()) {
      throw new RunDirectoryInUseException(outputDir);
    }
    checkpoints.removeLeftovers();
    Lenet5Checkpoint.removeLeftovers(outputDir.resolve(CHECKPOINT_DIR));
    config.exportDir().ifPresent(SavedModelExporter::requireWritable);
    MnistDataset data = MnistDataset.load(Evaluator.locate(config));
    Preprocessing preprocessing = Preprocessing.forDataset(config.dataset());
    ModelInput train =
        preprocessing.apply(
            config.limitTrain() > 0 ? data.train().first(config.limitTrain()) : data.train());
    ModelInput test = preprocessing.apply(data.test());
    LOG.debug("Data loaded and preprocessed in {} s", seconds(started));

    try (Graph graph = new Graph()) {
      Lenet5Graph model = Lenet5Graph.forTraining(graph, config.variant(), config.seed());
      TrainingStep trainStep = new TrainingStep(graph, model, config);
      int steps = (train.count() + config.batchSize() - 1) / config.batchSize();
      List<EpochResult> epochs =
          new ArrayList<>(resumeFrom.map(saved -> saved.state().epochs()).orElse(List.of()));
      TrainingStart start =
          new TrainingStart(
              config, model.summary(), train.count(), test.count(), steps, placement,
              epochs.size() + 1, resumeFrom.map(Checkpoints.Saved::directory), outputDir,
              graph.toGraphDef());
      try (Session session = new Session(graph, placement.config())) {
        // Restored before the listeners hear of the run, so that a checkpoint that cannot be
        // restored fails the resume before anything new (an event file, a report) is written.
        if (resumeFrom.isPresent()) {
          Lenet5Checkpoint.restore(session, resumeFrom.get().directory());
        }
        listeners.forEach(listener -> listener.onTrainingStart(start));
        Evaluation evaluation = null;
        for (int epoch = epochs.size() + 1; epoch <= config.epochs(); epoch++) {
          EpochResult trained = runEpoch(session, trainStep, train, epoch);
          if (config.evaluateEachEpoch() || epoch == config.epochs()) {
            evaluation = Evaluator.evaluate(session, model, test);
            trained = trained.withTestAccuracy(evaluation.accuracy());
          }
          EpochResult result = trained;
          epochs.add(result);
          if (config.checkpointEvery() > 0
              && (epoch % config.checkpointEvery() == 0 || epoch == config.epochs())) {
            checkpoints.save(session, new TrainingState(config, epochs));
          }
          listeners.forEach(listener -> listener.onEpochEnd(result));
        }
        if (evaluation == null) {
          evaluation = Evaluator.evaluate(session, model, test);
        }
        Path checkpoint =
            Lenet5Checkpoint.save(
                    session, config.variant(), config.dataset(), outputDir.resolve(CHECKPOINT_DIR))
                .getParent();
        Optional<Path> savedModel =
            config
                .exportDir()
                .map(
                    base ->
                        SavedModelExporter.export(
                            checkpoint, base, config.dataset(),
                            ModelFingerprint.of(config).identity()));
        TrainingResult result =
            new TrainingResult(
                config, epochs, evaluation, seconds(started), outputDir, checkpoint, savedModel);
        listeners.forEach(listener -> listener.onTrainingEnd(result));
        return result;
      }
    }
  }

  private EpochResult runEpoch(
      Session session, TrainingStep trainStep, ModelInput train, int epoch) {
    long started = System.nanoTime();
    int count = train.count();
    int batchSize = config.batchSize();
    int[] order = shuffledOrder(count, epoch);
    float learningRate = config.learningRate(epoch);
    SplittableRandom distortions = new SplittableRandom(config.seed() * 7_919L + epoch);
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
              loss, epoch, step, config.learningRate(epoch),
              config.outputDir().map(dir -> dir.resolve(Checkpoints.DIR).toString())
                  .orElse(Checkpoints.DIR)));
    }
  }

  /** A permutation of {@code 0..count-1} that depends only on the seed and the epoch. */
  private int[] shuffledOrder(int count, int epoch) {
    return Permutation.shuffled(count, config.seed() * 1_000_003L + epoch);
  }

  private Path prepareOutputDir() {
    Path dir = config.outputDir().orElseGet(() -> RunDirectories.fresh(RunDirectories.DEFAULT));
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
