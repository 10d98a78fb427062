package org.lenet5.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.lenet5.images.ImageConversion;

/**
 * Labelled images a program holds in memory, for library users whose images come from elsewhere
 * than files (a database, a stream, generated from other data): pictures of any size are converted
 * as an {@link ImageFolder}'s are ({@link ImageConversion#PLAIN}), 28x28 grey levels are taken as
 * they are. Without test images, a tenth of each class is held out as the test set by content.
 *
 * <pre>{@code
 * InMemoryImages.Builder images = InMemoryImages.builder(List.of("bolt", "nut", "washer"));
 * for (Part part : parts) {
 *   images.train(part.picture(), part.kind());
 * }
 * new Trainer(Recipe.builder().dataset(images.build()).build()).train();
 * }</pre>
 *
 * <p>Its identity is its content (the class names and every image's grey levels and label), so
 * the same images give the same model fingerprint. A run on in-memory images cannot be found
 * again by name: to resume it or evaluate its model, give the same images again.
 */
public final class InMemoryImages implements DataSource {

  /** What a recipe records as the source of in-memory images, before their content hash. */
  public static final String PREFIX = "memory:";

  private final List<String> classNames;
  private final LabeledImages train;
  private final LabeledImages test;
  private final String sha256;

  private InMemoryImages(List<String> classNames, LabeledImages train, LabeledImages test) {
    this.classNames = List.copyOf(classNames);
    this.train = train;
    this.test = test;
    MessageDigest digest = DatasetDownloader.newSha256();
    digest.update(String.join("\n", classNames).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    for (LabeledImages images : new LabeledImages[] {train, test}) {
      digest.update(images.images().pixels());
      digest.update(images.labels());
      digest.update((byte) 0);
    }
    this.sha256 = HexFormat.of().formatHex(digest.digest());
  }

  /**
   * A builder for images of the given classes, in label order.
   *
   * @throws IllegalArgumentException if there are fewer than two classes, or more than {@value
   *     LabeledImages#MAX_CLASSES}, or two of the same name
   */
  public static Builder builder(List<String> classNames) {
    return new Builder(classNames);
  }

  @Override
  public List<String> classNames() {
    return classNames;
  }

  @Override
  public String id() {
    return PREFIX + sha256.substring(0, 16);
  }

  @Override
  public Map<String, String> contentIdentity() {
    Map<String, String> identity = new TreeMap<>();
    identity.put("dataset", "memory");
    identity.put("dataset.memory.sha256", sha256);
    identity.put("dataset.classes", String.join("\n", classNames));
    return identity;
  }

  @Override
  public SourceImages load(DatasetLocator locator) {
    return SourceImages.ofOwnImages(
        id(), classNames, train, test.count() == 0 ? Optional.empty() : Optional.of(test));
  }


  /** Collects training and test images; each method checks its arguments at once. */
  public static final class Builder {
    private static final int PIXELS = ImageConversion.SIZE * ImageConversion.SIZE;

    private final List<String> classNames;
    private final ByteArrayOutputStream trainPixels = new ByteArrayOutputStream();
    private final ByteArrayOutputStream trainLabels = new ByteArrayOutputStream();
    private final ByteArrayOutputStream testPixels = new ByteArrayOutputStream();
    private final ByteArrayOutputStream testLabels = new ByteArrayOutputStream();

    private Builder(List<String> classNames) {
      if (classNames.size() < 2 || classNames.size() > LabeledImages.MAX_CLASSES
          || classNames.stream().distinct().count() != classNames.size()) {
        throw new IllegalArgumentException(
            "two to " + LabeledImages.MAX_CLASSES + " distinct class names, got " + classNames);
      }
      this.classNames = List.copyOf(classNames);
    }

    /** Adds a training picture of any size and colour model, of the class named so. */
    public Builder train(BufferedImage picture, String className) {
      return train(ImageConversion.PLAIN.apply(picture), label(className));
    }

    /** Adds a training image given as 784 grey levels (28x28, row-major), of class {@code label}. */
    public Builder train(byte[] levels, int label) {
      add(trainPixels, trainLabels, levels, label);
      return this;
    }

    /** Adds a test picture of any size and colour model, of the class named so. */
    public Builder test(BufferedImage picture, String className) {
      return test(ImageConversion.PLAIN.apply(picture), label(className));
    }

    /** Adds a test image given as 784 grey levels (28x28, row-major), of class {@code label}. */
    public Builder test(byte[] levels, int label) {
      add(testPixels, testLabels, levels, label);
      return this;
    }

    /**
     * The images.
     *
     * @throws IllegalArgumentException if a class has fewer than two training images
     */
    public InMemoryImages build() {
      LabeledImages train = labelled(trainPixels, trainLabels);
      int[] counts = new int[classNames.size()];
      for (int label : train.classes()) {
        counts[label]++;
      }
      for (int label = 0; label < counts.length; label++) {
        if (counts[label] < 2) {
          throw new IllegalArgumentException(
              "class '" + classNames.get(label) + "' has " + counts[label] + " training images;"
                  + " each class needs two or more");
        }
      }
      return new InMemoryImages(classNames, train, labelled(testPixels, testLabels));
    }

    private int label(String className) {
      int label = classNames.indexOf(className);
      if (label < 0) {
        throw new IllegalArgumentException(
            "unknown class '" + className + "'; the classes are " + classNames);
      }
      return label;
    }

    private void add(
        ByteArrayOutputStream pixels, ByteArrayOutputStream labels, byte[] levels, int label) {
      if (levels.length != PIXELS) {
        throw new IllegalArgumentException(
            "an image is " + PIXELS + " grey levels (28x28), got " + levels.length);
      }
      if (label < 0 || label >= classNames.size()) {
        throw new IllegalArgumentException(
            "label " + label + " is outside 0.." + (classNames.size() - 1));
      }
      pixels.writeBytes(levels);
      labels.write(label);
    }

    private static LabeledImages labelled(
        ByteArrayOutputStream pixels, ByteArrayOutputStream labels) {
      byte[] bytes = labels.toByteArray();
      return new LabeledImages(
          new IdxImages(bytes.length, ImageConversion.SIZE, ImageConversion.SIZE,
              pixels.toByteArray()),
          bytes);
    }
  }
}
