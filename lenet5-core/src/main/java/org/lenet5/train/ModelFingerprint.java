package org.lenet5.train;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.lenet5.data.DatasetDownloader;
import org.lenet5.model.ModelDescription;
import org.tensorflow.TensorFlow;

/**
 * A model's identity: the SHA-256 of everything that decides its weights — the recipe (data source
 * and validation split, variant, augmentation, epochs, batch size, the learning rate and its decay, Adam's β1, β2 and ε,
 * the seed, the training-set limit), the data's content (a built-in dataset's pinned checksums, an
 * image folder's {@link org.lenet5.data.ImageFolder content identity} in place of its path), this library's version and
 * TensorFlow Java's version. Two runs with the same fingerprint train bit-identical weights,
 * because training is deterministic for a given recipe and seed; that is what lets a build skip a
 * training whose model it already holds.
 *
 * <p>Left out on purpose, since they do not change the weights: where the run reads and writes,
 * the device choice, how often it logs, evaluates or checkpoints. The CPU kernels do change the
 * last bits (oneDNN on or off, CPU or GPU build), so a fingerprint promises the same weights on
 * the same kind of machine and TensorFlow build, not across them.
 *
 * <p>A {@code -SNAPSHOT} (or unversioned) build of this library does not identify its code by its
 * version, so the fingerprint then also covers the SHA-256 of the library's jar.
 */
public final class ModelFingerprint {

  /** Bumped whenever what the fingerprint covers changes, so old fingerprints never match. */
  private static final int FORMAT = 2;

  /** The prefix of the recipe's values in {@link #identity()}, e.g. {@code recipe.epochs}. */
  public static final String RECIPE_PREFIX = "recipe.";

  /** The key of this library's version in {@link #inputs()} and {@link #identity()}. */
  public static final String LENET5_VERSION = "lenet5.version";

  /** The key of TensorFlow Java's version in {@link #inputs()} and {@link #identity()}. */
  public static final String TENSORFLOW_VERSION = "tensorflow.version";

  private static final String TENSORFLOW_POM =
      "/META-INF/maven/org.tensorflow/tensorflow-core-api/pom.properties";

  /** The version of a build run from classes rather than from its jar. */
  private static final String DEVELOPMENT = "development";

  private final String value;
  private final Map<String, String> inputs;
  private final String dataContent;

  private ModelFingerprint(Map<String, String> inputs, String dataContent) {
    this.dataContent = dataContent;
    this.inputs = Map.copyOf(inputs);
    StringBuilder canonical = new StringBuilder();
    inputs.forEach((key, input) -> canonical.append(key).append('=').append(input).append('\n'));
    this.value = DatasetDownloader.sha256(canonical.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The fingerprint of the model that {@code recipe} trains. */
  public static ModelFingerprint of(Recipe recipe) {
    Map<String, String> inputs = new TreeMap<>();
    inputs.put("format", String.valueOf(FORMAT));
    inputs.putAll(recipe.values());
    // The data's content, not where it lies: an image folder's path gives way to its content.
    inputs.putAll(recipe.dataset().contentIdentity());
    String version = lenet5Version();
    inputs.put(LENET5_VERSION, version);
    if (version.endsWith("-SNAPSHOT") || version.equals(DEVELOPMENT)) {
      inputs.put("lenet5.build", buildHash());
    }
    inputs.put(TENSORFLOW_VERSION, tensorflowVersion());
    return new ModelFingerprint(inputs, recipe.dataset().contentDigest());
  }

  /** The fingerprint as 64 lower-case hex digits. */
  public String value() {
    return value;
  }

  /** What the fingerprint covers, by name, e.g. {@code epochs=10}; for reports and debugging. */
  public Map<String, String> inputs() {
    return new TreeMap<>(inputs);
  }

  /**
   * What an export records about the model's identity: the fingerprint, the versions of this
   * library and of TensorFlow Java that trained it and the digest of its data's content, under
   * the keys of {@code ModelDescription}, and the resolved recipe, each value under {@value
   * #RECIPE_PREFIX} and its name (a named recipe with options over it is recorded as the values
   * it resolved to).
   */
  public Map<String, String> identity() {
    Map<String, String> identity = new TreeMap<>();
    identity.put(ModelDescription.FINGERPRINT, value);
    identity.put(LENET5_VERSION, inputs.get(LENET5_VERSION));
    identity.put(TENSORFLOW_VERSION, inputs.get(TENSORFLOW_VERSION));
    identity.put(ModelDescription.DATA_CONTENT, dataContent);
    for (RecipeParameter parameter : RecipeParameter.values()) {
      identity.put(RECIPE_PREFIX + parameter.id(), inputs.get(parameter.id()));
    }
    return identity;
  }

  /** The first 12 hex digits, enough to tell models apart in a log line. */
  public String shortValue() {
    return value.substring(0, 12);
  }

  @Override
  public String toString() {
    return value;
  }

  /** This library's version, from its jar's manifest; {@code development} when run from classes. */
  public static String lenet5Version() {
    String version = ModelFingerprint.class.getPackage().getImplementationVersion();
    return version == null ? DEVELOPMENT : version;
  }

  /**
   * TensorFlow Java's version, read from its jar without loading the native library (which a
   * Maven build that only checks whether it is up to date should not have to load).
   */
  public static String tensorflowVersion() {
    try (InputStream in = TensorFlow.class.getResourceAsStream(TENSORFLOW_POM)) {
      if (in != null) {
        Properties pom = new Properties();
        pom.load(in);
        return pom.getProperty("version", "unknown");
      }
    } catch (IOException e) {
      // Fall through: an unreadable version is still a stable answer for this jar.
    }
    return "unknown";
  }

  /** The SHA-256 of this library's jar, or {@code classes} when it runs from a directory. */
  private static String buildHash() {
    CodeSource source = ModelFingerprint.class.getProtectionDomain().getCodeSource();
    try {
      Path location = Path.of(source.getLocation().toURI());
      if (Files.isRegularFile(location)) {
        return DatasetDownloader.sha256(Files.readAllBytes(location));
      }
    } catch (IOException | URISyntaxException | RuntimeException e) {
      // A code source that cannot be read is treated like a directory of classes.
    }
    return "classes";
  }
}
