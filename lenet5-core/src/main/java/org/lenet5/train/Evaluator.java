package org.lenet5.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.lenet5.Lenet5Exception;
import org.lenet5.data.DataDescription;
import org.lenet5.data.DataSource;
import org.lenet5.data.UnknownDataSourceException;
import org.lenet5.data.DatasetLocator;
import org.lenet5.data.ImageFolder;
import org.lenet5.images.ImageConversion;
import org.lenet5.model.ModelDescription;
import org.lenet5.data.LabeledImages;
import org.lenet5.data.ModelInput;
import org.lenet5.data.Preprocessing;
import org.lenet5.data.SourceImages;
import org.lenet5.device.TensorFlowPlatform;
import org.lenet5.inference.Lenet5Model;
import org.lenet5.model.Evaluation;
import org.lenet5.model.Lenet5Checkpoint;
import org.lenet5.model.Lenet5Graph;
import org.lenet5.model.ModelVariant;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Measures a model's accuracy on the test set, BatchNorm in inference mode. */
public final class Evaluator {

  /** Images per evaluation step. */
  public static final int BATCH_SIZE = 1000;

  private static final Logger LOG = LoggerFactory.getLogger(Evaluator.class);

  private Evaluator() {}

  /**
   * Evaluates a trained model on the test split of the dataset it was trained on: the one entry
   * point of the command line's {@code evaluate}, the plugin's {@code verify}, a training run's
   * final evaluation (and so the run report and the bench) and library users. {@code model} is a
   * SavedModel (a version directory, or a model base directory whose highest version is taken), a
   * run directory, or a checkpoint directory.
   *
   * <p>A model of one's own images may be scored on another {@link ImageFolder} of (some of) its
   * classes: then all of that folder's images are its test images ({@link
   * ImageFolder#isNewTestSet}); the folder it was trained on, wherever it lies, is scored on its
   * test split, as training reported.
   *
   * @param requested the dataset the caller names, if any; it must be the one the model records,
   *     or a folder of images of its classes
   * @param data where the dataset's files are
   * @throws DatasetMismatchException if {@code requested} is not the model's dataset
   * @throws Lenet5Exception if {@code model} holds no model or the data cannot be read
   */
  public static Evaluation evaluateModel(
      Path model, Optional<DataSource> requested, DatasetLocator data) {
    Optional<Path> checkpoint = checkpointIn(model);
    if (checkpoint.isPresent()) {
      ModelDescription recorded = Lenet5Checkpoint.descriptionOf(checkpoint.get());
      return evaluateCheckpoint(
          checkpoint.get(), imagesToScore(recorded, requested, data),
          ConfigProto.getDefaultInstance());
    }
    try (Lenet5Model loaded = Lenet5Model.load(model)) {
      return loaded.evaluate(imagesToScore(loaded.description(), requested, data));
    }
  }

  /**
   * The test images to score a model of {@code recorded} on, labelled by the model's classes. A
   * folder of one's own images is read by class name: the folder the model was trained on
   * (named by its path, or the same content elsewhere) gives its test split, even if classes or
   * images changed since; any other folder all its images.
   */
  private static LabeledImages imagesToScore(
      ModelDescription recorded, Optional<DataSource> requested, DatasetLocator data) {
    DataDescription trained = recorded.data();
    if (trained.isBuiltIn() || trained.conversion() != ImageConversion.PLAIN) {
      return testSet(sourceOf(trained, requested), data);
    }
    DataSource source = requested.isPresent() ? requested.get() : recordedSource(trained);
    if (!(source instanceof ImageFolder folder)) {
      return testSet(sourceOf(trained, requested), data);
    }
    Optional<String> content = recorded.get(ModelDescription.DATA_CONTENT);
    boolean trainingFolder = requested.isEmpty()
        || folder.root().toAbsolutePath().normalize().equals(Path.of(trained.dataset()));
    if (!trainingFolder && folder.isNewTestSet(content)) {
      return folder.imagesToScore(trained.classNames());
    }
    if (content.isPresent() && !content.get().equals(folder.contentDigest())) {
      LOG.warn("{} has changed since the model was trained (images or classes): its test images"
          + " are scored by their class names", folder.root());
    }
    SourceImages images = folder.load(data, true);
    return byClassName(images.test(), images.description().classNames(), trained.classNames(),
        folder.root());
  }

  /** The data source a model records, which must still be there. */
  private static DataSource recordedSource(DataDescription recorded) {
    try {
      return DataSource.of(recorded.dataset());
    } catch (UnknownDataSourceException e) {
      throw new Lenet5Exception(
          "the model was trained on the images of " + recorded.dataset() + ", which are not"
              + " there; name a folder of images of its classes (" + String.join(", ",
              recorded.classNames()) + ") as the dataset to evaluate it on", e);
    }
  }

  /**
   * {@code images}, labelled by {@code folderClasses}, relabelled by the model's class of each
   * name.
   *
   * @throws Lenet5Exception naming a class of the folder that the model does not have
   */
  private static LabeledImages byClassName(
      LabeledImages images, List<String> folderClasses, List<String> modelClasses, Path folder) {
    int[] labels = images.classes();
    byte[] relabelled = new byte[labels.length];
    for (int i = 0; i < labels.length; i++) {
      String name = folderClasses.get(labels[i]);
      int label = modelClasses.indexOf(name);
      if (label < 0) {
        throw new Lenet5Exception(
            "class '" + name + "' of " + folder + " is not a class of the model, whose classes"
                + " are " + String.join(", ", modelClasses) + "; remove it from the folder (or"
                + " from its classes.txt), or train a model of it");
      }
      relabelled[i] = (byte) label;
    }
    return new LabeledImages(images.images(), relabelled);
  }

  /**
   * Evaluates a run's final checkpoint as {@link #evaluateModel} does, on the run's test images,
   * in a session configured as the run's (its device, its share of GPU memory).
   */
  static Evaluation evaluateRun(Path checkpointDir, LabeledImages test, ConfigProto session) {
    return evaluateCheckpoint(checkpointDir, test, session);
  }

  private static Evaluation evaluateCheckpoint(
      Path checkpointDir, LabeledImages test, ConfigProto sessionConfig) {
    TensorFlowPlatform.requireSupported();
    ModelVariant variant = Lenet5Checkpoint.variantOf(checkpointDir);
    DataDescription recorded = Lenet5Checkpoint.dataOf(checkpointDir);
    ModelInput input = recorded.preprocessing().apply(test);
    try (Graph graph = new Graph()) {
      Lenet5Graph model = Lenet5Graph.forInference(graph, variant, recorded.classes());
      try (Session session = new Session(graph, sessionConfig)) {
        Lenet5Checkpoint.restore(session, checkpointDir);
        return evaluate(session, model, input);
      }
    }
  }

  /** The checkpoint directory if {@code dir} is a run or a checkpoint directory. */
  public static Optional<Path> checkpointIn(Path dir) {
    if (Files.isDirectory(dir.resolve(Trainer.CHECKPOINT_DIR))) {
      return Optional.of(dir.resolve(Trainer.CHECKPOINT_DIR));
    }
    return Files.isRegularFile(dir.resolve(Lenet5Checkpoint.PREFIX + ".index"))
        ? Optional.of(dir)
        : Optional.empty();
  }

  /**
   * The data source to score a model on: the one the caller names, which must hold the model's
   * classes (a built-in dataset: that very dataset; an image folder: the same class names, so
   * that a copy of the folder elsewhere, or a new test set, can score it), else the recorded one.
   */
  private static DataSource sourceOf(DataDescription recorded, Optional<DataSource> requested) {
    if (requested.isEmpty()) {
      return recordedSource(recorded);
    }
    DataSource asked = requested.get();
    if (!recorded.fits(asked)) {
      throw new DatasetMismatchException(recorded.dataset(), asked.id());
    }
    return asked;
  }

  /**
   * The test images of {@code source}, its files found by {@code data}: its {@link
   * DataSource#loadTest}.
   */
  public static LabeledImages testSet(DataSource source, DatasetLocator data) {
    return source.loadTest(data);
  }

  /**
   * Evaluates the inference path of a model in a live session: a checkpoint's, and during
   * training each epoch's for the learning curve.
   */
  static Evaluation evaluate(Session session, Lenet5Graph model, ModelInput input) {
    return run(session, model, input, false).evaluation();
  }

  /**
   * How a model does on {@code input}, as {@link #evaluate}, and its mean cross-entropy there:
   * what early stopping judges an epoch by.
   */
  static Score score(Session session, Lenet5Graph model, ModelInput input) {
    return run(session, model, input, true);
  }

  /**
   * A model's evaluation and mean cross-entropy on a set of images.
   *
   * @param evaluation the predictions against the labels
   * @param meanLoss the mean over the images of {@code -log softmax(logits)[label]}, or NaN if it
   *     was not computed
   */
  record Score(Evaluation evaluation, double meanLoss) {}

  private static Score run(Session session, Lenet5Graph model, ModelInput input, boolean loss) {
    int total = input.count();
    int[] labels = input.labels();
    int classes = model.classes();
    int[] predictions = new int[total];
    double lossSum = 0;
    float[] pixels = new float[Math.min(BATCH_SIZE, total) * Preprocessing.MODEL_PIXELS];
    for (int start = 0; start < total; start += BATCH_SIZE) {
      int count = Math.min(BATCH_SIZE, total - start);
      input.copyImages(start, count, pixels, 0);
      try (TFloat32 images =
              TFloat32.tensorOf(
                  Shape.of(count, Lenet5Graph.INPUT_SIZE, Lenet5Graph.INPUT_SIZE, 1),
                  DataBuffers.of(pixels, true, false)
                      .narrow((long) count * Preprocessing.MODEL_PIXELS));
          Result result = fetch(session, model, images, loss)) {
        TInt64 predicted = (TInt64) result.get(0);
        for (int i = 0; i < count; i++) {
          predictions[start + i] = (int) predicted.getLong(i);
        }
        if (loss) {
          TFloat32 logits = (TFloat32) result.get(1);
          for (int i = 0; i < count; i++) {
            lossSum += crossEntropy(logits, i, classes, labels[start + i]);
          }
        }
      }
    }
    return new Score(
        Evaluation.of(classes, predictions, labels), loss ? lossSum / total : Double.NaN);
  }

  private static Result fetch(
      Session session, Lenet5Graph model, TFloat32 images, boolean withLogits) {
    Session.Runner runner =
        session.runner().feed(model.images(), images).fetch(model.predictedClasses());
    if (withLogits) {
      runner.fetch(model.inferenceLogits());
    }
    return runner.run();
  }

  /** {@code -log softmax(logits[row])[label]}, in double precision, stable for large logits. */
  private static double crossEntropy(TFloat32 logits, int row, int classes, int label) {
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < classes; c++) {
      max = Math.max(max, logits.getFloat(row, c));
    }
    double sum = 0;
    for (int c = 0; c < classes; c++) {
      sum += Math.exp(logits.getFloat(row, c) - max);
    }
    return max + Math.log(sum) - logits.getFloat(row, label);
  }
}
