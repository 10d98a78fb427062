package org.lenet5.inference;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.lenet5.HeapExhaustedException;
import org.lenet5.Lenet5Exception;
import org.lenet5.data.DataDescription;
import org.lenet5.data.LabeledImages;
import org.lenet5.device.TensorFlowPlatform;
import org.lenet5.export.SavedModelExporter;
import org.lenet5.export.ServingGraph;
import org.lenet5.images.ImageFiles;
import org.lenet5.images.MnistImages;
import org.lenet5.images.NoDigitException;
import org.lenet5.model.Evaluation;
import org.lenet5.model.ModelDescription;
import org.lenet5.model.ModelVariant;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * A trained LeNet5 loaded from an exported SavedModel, for predictions from Java code.
 *
 * <pre>{@code
 * try (Lenet5Model model = Lenet5Model.load(Path.of("models/lenet5"))) {
 *   Prediction prediction = model.predict(Path.of("digit.png"));
 *   System.out.println(prediction.label() + " " + prediction.confidence());
 * }
 * }</pre>
 *
 * <p>It runs the SavedModel's default signature, the one TensorFlow Serving runs, so its answers
 * are the server's. Instances are not thread-safe; close them to release TensorFlow's memory.
 */
public final class Lenet5Model implements AutoCloseable {

  /** Images per session call when predicting or evaluating many images. */
  private static final int BATCH = 1000;

  private static final int PIXELS = MnistImages.SIZE * MnistImages.SIZE;

  private final Path directory;
  private final SavedModelBundle bundle;
  private final SessionFunction serving;
  private final ModelDescription description;
  private final DataDescription data;
  private final ModelVariant variant;

  private Lenet5Model(Path directory, SavedModelBundle bundle) {
    this.directory = directory;
    this.bundle = bundle;
    this.serving = bundle.function(ServingGraph.SERVING_KEY);
    ModelDescription description =
        ModelDescription.read(directory.resolve(SavedModelExporter.DESCRIPTION));
    this.description = description;
    this.data = description.data();
    this.variant = description.variant();
  }

  /** The model's recorded description: what it was trained on, its fingerprint and recipe. */
  public ModelDescription description() {
    return description;
  }

  /**
   * What the model was trained on: the data source, the class names by label, the normalization
   * and how a picture becomes its input.
   */
  public DataDescription data() {
    return data;
  }

  /** The architecture of the model. */
  public ModelVariant variant() {
    return variant;
  }

  /**
   * Loads a SavedModel: a version directory ({@code models/lenet5/3}) or a model base directory,
   * whose highest version is taken.
   *
   * @throws Lenet5Exception if the directory holds no readable SavedModel
   */
  public static Lenet5Model load(Path path) {
    TensorFlowPlatform.requireSupported();
    Path directory = resolveVersion(path);
    SavedModelBundle bundle;
    try {
      bundle = SavedModelBundle.load(directory.toString(), SavedModelBundle.DEFAULT_TAG);
    } catch (RuntimeException e) {
      throw new Lenet5Exception(
          "cannot load the SavedModel in " + directory + ": " + Lenet5Exception.firstLineOf(e)
              + "; train and export it again", e);
    }
    try {
      return new Lenet5Model(directory, bundle);
    } catch (RuntimeException e) {
      bundle.close();
      throw new Lenet5Exception(
          directory + " is a SavedModel without the '" + ServingGraph.SERVING_KEY
              + "' signature; it was not exported by lenet5", e);
    }
  }

  /**
   * The SavedModel directory for a path: itself if it holds {@code saved_model.pb}, else its
   * highest numeric version.
   *
   * @throws Lenet5Exception if neither holds a SavedModel
   */
  public static Path resolveVersion(Path path) {
    if (!Files.exists(path)) {
      throw new Lenet5Exception(path + " does not exist; pass a model directory exported by"
          + " lenet5's training (e.g. models/lenet5)");
    }
    if (Files.isRegularFile(path.resolve("saved_model.pb"))) {
      return path;
    }
    OptionalInt latest = SavedModelExporter.latestVersion(path);
    if (latest.isPresent()) {
      Path version = path.resolve(String.valueOf(latest.getAsInt()));
      if (Files.isRegularFile(version.resolve("saved_model.pb"))) {
        return version;
      }
    }
    throw new Lenet5Exception(
        path + " holds no SavedModel (no saved_model.pb, nor a numbered version directory"
            + " with one); pass a directory exported by lenet5's training");
  }

  /** The SavedModel version directory this model was loaded from. */
  public Path directory() {
    return directory;
  }

  /**
   * Classifies one picture of any size, converted as the model's training images were ({@link
   * DataDescription#conversion()}: digit framing for MNIST's models, as {@link MnistImages}
   * describes; the plain conversion for models trained on image folders).
   *
   * @throws NoDigitException if digit framing finds no digit standing out from the background
   */
  public Prediction predict(BufferedImage picture) {
    return predict(data.conversion().apply(picture));
  }

  /**
   * Reads an image file as {@link ImageFiles} does (any colour model, EXIF orientation, large
   * files subsampled) and classifies it.
   *
   * @throws NoDigitException if no digit stands out from the picture's background
   * @throws Lenet5Exception if the file cannot be read as an image
   * @throws HeapExhaustedException if decoding it needs more heap than the JVM may take
   */
  public Prediction predict(Path imageFile) {
    BufferedImage picture;
    try {
      picture = ImageFiles.read(imageFile);
    } catch (OutOfMemoryError e) {
      throw HeapExhaustedException.of("decoding " + imageFile, e);
    }
    return predict(picture);
  }

  /** Classifies one 28x28 image given as 784 unsigned grey levels, row-major. */
  public Prediction predict(byte[] pixels) {
    return predictBytes(pixels, 1).get(0);
  }

  /**
   * Classifies {@code count} 28x28 images stored one after the other as unsigned grey levels.
   */
  public List<Prediction> predictBytes(byte[] pixels, int count) {
    requireLength(pixels.length, count);
    float[] levels = new float[count * PIXELS];
    for (int i = 0; i < levels.length; i++) {
      levels[i] = pixels[i] & 0xff;
    }
    return predict(levels, count);
  }

  /**
   * Classifies {@code count} 28x28 images stored one after the other as grey levels 0..255 in
   * floats, as TensorFlow Serving's clients send them.
   */
  public List<Prediction> predict(float[] pixels, int count) {
    requireLength(pixels.length, count);
    List<Prediction> predictions = new ArrayList<>(count);
    for (int start = 0; start < count; start += BATCH) {
      int size = Math.min(BATCH, count - start);
      try (TFloat32 images =
              TFloat32.tensorOf(
                  Shape.of(size, MnistImages.SIZE, MnistImages.SIZE, 1),
                  DataBuffers.of(pixels, true, false).slice((long) start * PIXELS,
                      (long) size * PIXELS));
          Result result = serving.call(Map.of(ServingGraph.IMAGES, images))) {
        int classes = data.classes();
        float[] probabilities = new float[size * classes];
        long[] predicted = new long[size];
        ((TFloat32) result.get(ServingGraph.PROBABILITIES).orElseThrow())
            .copyTo(DataBuffers.of(probabilities, false, false));
        ((TInt64) result.get(ServingGraph.CLASSES).orElseThrow())
            .copyTo(DataBuffers.of(predicted, false, false));
        for (int i = 0; i < size; i++) {
          float[] row = Arrays.copyOfRange(probabilities, i * classes, (i + 1) * classes);
          int label = (int) predicted[i];
          predictions.add(new Prediction(label, data.classNames().get(label), row));
        }
      }
    }
    return predictions;
  }

  /** The accuracy on labelled 28x28 images, e.g. the MNIST test set. */
  public Evaluation evaluate(LabeledImages images) {
    List<Prediction> predictions = predictBytes(images.images().pixels(), images.count());
    int[] classes = new int[predictions.size()];
    for (int i = 0; i < classes.length; i++) {
      classes[i] = predictions.get(i).label();
    }
    return Evaluation.of(data.classes(), classes, images.classes());
  }

  private static void requireLength(int length, int count) {
    if (count < 1 || length < (long) count * PIXELS) {
      throw new IllegalArgumentException(
          "expected " + count + " images of 28x28 = " + (long) count * PIXELS + " values, got "
              + length);
    }
  }


  @Override
  public void close() {
    bundle.close();
  }
}
