package org.lenet5.model;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.lenet5.Lenet5Exception;
import org.lenet5.data.Dataset;

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

  /** The key of the dataset's id. */
  public static final String DATASET = "dataset";

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
   * Writes a description that records {@code variant}, {@code dataset} and the model's identity:
   * {@link #FINGERPRINT} and whatever else identifies the model, such as the versions
   * that trained it.
   */
  public static void write(
      Path file, ModelVariant variant, Dataset dataset, Map<String, String> identity)
      throws IOException {
    Properties properties = describing(variant);
    properties.setProperty(DATASET, dataset.id());
    identity.forEach(properties::setProperty);
    store(file, properties);
  }

  private static Properties describing(ModelVariant variant) {
    Properties properties = new Properties();
    properties.setProperty(VARIANT, variant.id());
    return properties;
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

  /** The recorded dataset, {@link Dataset#MNIST} if none is recorded. */
  public Dataset dataset() {
    return Dataset.fromId(properties.getProperty(DATASET, Dataset.MNIST.id()));
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
