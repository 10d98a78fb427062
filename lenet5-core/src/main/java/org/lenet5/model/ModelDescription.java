package org.lenet5.model;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.lenet5.Lenet5Exception;
import org.lenet5.data.DataDescription;
import org.lenet5.data.Dataset;
import org.lenet5.images.ImageConversion;

/**
 * The small properties file that checkpoints ({@code model.properties}) and exports ({@code
 * assets.extra/lenet5.properties}) keep beside their weights: which variant they are, which
 * dataset trained them, and the model's identity — its fingerprint, the recipe's values and the
 * versions that trained it (see {@code org.lenet5.train.ModelFingerprint}). A missing file, or a
 * missing key, means what models that predate it were: the reference variant, trained on MNIST,
 * without a fingerprint.
 */
public final class ModelDescription {

  /** The key of the variant's id. */
  public static final String VARIANT = "variant";

  /** The key of the data source's id. */
  public static final String DATASET = "dataset";

  /** The key of the number of classes; each class's name is under {@code class.<label>}. */
  public static final String CLASSES = "classes";

  private static final String CLASS_PREFIX = "class.";
  private static final String MEAN = "normalization.mean";
  private static final String STD = "normalization.std";
  private static final String CONVERSION = "conversion";

  /**
   * The key of the digest of the data's content ({@code DataSource.contentDigest()}; absent in
   * models that predate it).
   */
  public static final String DATA_CONTENT = "data.content.sha256";

  /** The key of the model's fingerprint (absent in models that predate it). */
  public static final String FINGERPRINT = "fingerprint";

  private final Properties properties;

  private ModelDescription(Properties properties) {
    this.properties = properties;
  }

  /**
   * Reads {@code file}; an absent file gives an empty description.
   *
   * @throws Lenet5Exception if the file exists but cannot be read
   */
  public static ModelDescription read(Path file) {
    Properties properties = new Properties();
    if (Files.isRegularFile(file)) {
      try (Reader in = Files.newBufferedReader(file)) {
        properties.load(in);
      } catch (IOException e) {
        throw new Lenet5Exception("cannot read " + file + " (" + e.getMessage() + ")", e);
      }
    }
    return new ModelDescription(properties);
  }

  /**
   * Writes a description that records {@code variant}, the {@code data} (its source, class
   * names, normalization and image conversion) and the model's identity: {@link #FINGERPRINT}
   * and whatever else identifies the model, such as the versions that trained it.
   */
  public static void write(
      Path file, ModelVariant variant, DataDescription data, Map<String, String> identity)
      throws IOException {
    Properties properties = new Properties();
    properties.setProperty(VARIANT, variant.id());
    properties.setProperty(DATASET, data.dataset());
    properties.setProperty(CLASSES, String.valueOf(data.classes()));
    for (int label = 0; label < data.classes(); label++) {
      properties.setProperty(CLASS_PREFIX + label, data.classNames().get(label));
    }
    properties.setProperty(MEAN, Float.toString(data.mean()));
    properties.setProperty(STD, Float.toString(data.std()));
    properties.setProperty(CONVERSION, data.conversion().id());
    identity.forEach(properties::setProperty);
    store(file, properties);
  }

  /**
   * Writes the properties without the date line that {@link Properties#store} adds, so that the
   * same model always gets the same bytes.
   */
  private static void store(Path file, Properties properties) throws IOException {
    StringWriter text = new StringWriter();
    properties.store(text, null);
    String dated = text.toString();
    Files.writeString(file, dated.substring(dated.indexOf('\n') + 1));
  }

  /** The recorded variant, {@link ModelVariant#REFERENCE} if none is recorded. */
  public ModelVariant variant() {
    return ModelVariant.fromId(properties.getProperty(VARIANT, ModelVariant.REFERENCE.id()));
  }

  /**
   * The recorded data: a model that predates the record of its classes was trained on a built-in
   * dataset, MNIST if none is recorded, and has that dataset's classes and normalization.
   *
   * @throws Lenet5Exception if the record is malformed
   */
  public DataDescription data() {
    String dataset = properties.getProperty(DATASET, Dataset.MNIST.id());
    String classes = properties.getProperty(CLASSES);
    if (classes == null) {
      return DataDescription.of(Dataset.fromId(dataset));
    }
    try {
      int count = Integer.parseInt(classes.trim());
      List<String> names = new ArrayList<>();
      for (int label = 0; label < count; label++) {
        names.add(Objects.requireNonNull(properties.getProperty(CLASS_PREFIX + label)));
      }
      return new DataDescription(
          dataset, names, Float.parseFloat(properties.getProperty(MEAN)),
          Float.parseFloat(properties.getProperty(STD)),
          ImageConversion.fromId(properties.getProperty(CONVERSION)));
    } catch (RuntimeException e) {
      throw new Lenet5Exception(
          "the model's description records its classes incompletely (" + e.getMessage()
              + "); export the model again", e);
    }
  }

  /** The recorded fingerprint; empty for models that predate fingerprints. */
  public Optional<String> fingerprint() {
    return get(FINGERPRINT);
  }

  /** Any recorded value by its key, e.g. {@code lenet5.version}. */
  public Optional<String> get(String key) {
    return Optional.ofNullable(properties.getProperty(key));
  }
}
