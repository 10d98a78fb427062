package org.lenet5.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.lenet5.Lenet5Exception;
import org.lenet5.images.ImageConversion;
import org.lenet5.images.PilBilinearResize;

/**
 * One's own images in MNIST's IDX format, with any number of classes: a folder holding {@value
 * #TRAIN_IMAGES} and {@value #TRAIN_LABELS} (raw or gzipped), and {@value #TEST_IMAGES} and
 * {@value #TEST_LABELS} for a test set of its own (otherwise a tenth of each class is held out by
 * content). Labels are 0..N-1; the classes are named by {@value #CLASS_NAMES}, one name per line in
 * label order, when the folder has it, else by their labels ({@code 0}, {@code 1}, ...). Images of
 * another size than 28x28 are resized as {@link ImageConversion#PLAIN} resizes pictures. The
 * folder's identity is its files' content and the class names, not where it lies.
 */
public final class IdxFolder implements DataSource {

  public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
  public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
  public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
  public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

  /** The optional file of class names, one per line in label order. */
  public static final String CLASS_NAMES = ClassList.FILE;

  private final Path root;
  private List<String> classNames;
  private Map<String, String> identity;

  private IdxFolder(Path root) {
    this.root = root;
  }

  /** Whether {@code dir} holds IDX training images or labels, raw or gzipped. */
  static boolean holdsIdxFiles(Path dir) {
    return find(dir, TRAIN_IMAGES).isPresent() || find(dir, TRAIN_LABELS).isPresent();
  }

  /** The IDX folder at {@code root}; nothing is read until it is needed. */
  public static IdxFolder at(Path root) {
    return new IdxFolder(root);
  }

  @Override
  public String id() {
    return root.toString();
  }

  @Override
  public synchronized List<String> classNames() {
    if (classNames == null) {
      Optional<Path> names = find(root, CLASS_NAMES);
      if (names.isPresent()) {
        classNames = ClassList.read(names.get());
      } else {
        int classes = 0;
        for (byte label : labels(TRAIN_LABELS)) {
          classes = Math.max(classes, (label & 0xff) + 1);
        }
        List<String> byLabel = new ArrayList<>();
        for (int label = 0; label < classes; label++) {
          byLabel.add(String.valueOf(label));
        }
        classNames = List.copyOf(byLabel);
      }
      if (classNames.size() < 2) {
        throw new Lenet5Exception(
            root + " holds " + classNames.size() + " class; a classifier needs two classes or"
                + " more");
      }
    }
    return classNames;
  }

  @Override
  public synchronized Map<String, String> contentIdentity() {
    if (identity == null) {
      Map<String, String> values = new TreeMap<>();
      values.put("dataset", "idx");
      values.put("dataset.classes", String.join("\n", classNames()));
      for (String name : List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS)) {
        find(root, name).ifPresent(file -> values.put("dataset." + name + ".sha256",
            DatasetDownloader.sha256(IdxReader.readContent(file))));
      }
      identity = Map.copyOf(values);
    }
    return identity;
  }

  @Override
  public SourceImages load(DatasetLocator locator) {
    boolean hasTest = find(root, TEST_IMAGES).isPresent() || find(root, TEST_LABELS).isPresent();
    return SourceImages.ofOwnImages(
        id(), classNames(), read(TRAIN_IMAGES, TRAIN_LABELS),
        hasTest ? Optional.of(read(TEST_IMAGES, TEST_LABELS)) : Optional.empty());
  }

  private LabeledImages read(String imagesName, String labelsName) {
    Path imagesFile = required(imagesName);
    Path labelsFile = required(labelsName);
    IdxImages images = IdxReader.readImages(imagesFile);
    int size = ImageConversion.SIZE;
    int classes = classNames().size();
    LabeledImages read;
    try {
      read = LabeledImages.read(imagesFile, labelsFile, images.rows(), images.cols(), classes);
    } catch (Lenet5Exception e) {
      Optional<Path> names = find(root, CLASS_NAMES);
      if (names.isEmpty() || !e.getMessage().contains(" is outside 0..")) {
        throw e;
      }
      throw new Lenet5Exception(
          e.getMessage() + ", the " + classes + " classes " + names.get() + " names; name every"
              + " class there, one per line in label order", e);
    }
    if (images.rows() == size && images.cols() == size) {
      return read;
    }
    PilBilinearResize resize = new PilBilinearResize(images.cols(), images.rows(), size, size);
    byte[] pixels = new byte[images.count() * size * size];
    int[] resized = new int[size * size];
    for (int i = 0; i < images.count(); i++) {
      resize.resize(images.pixels(), i * images.imageSize(), resized);
      for (int p = 0; p < resized.length; p++) {
        pixels[i * resized.length + p] = (byte) resized[p];
      }
    }
    return new LabeledImages(new IdxImages(images.count(), size, size, pixels), read.labels());
  }

  private byte[] labels(String name) {
    return IdxReader.readLabels(required(name));
  }

  private Path required(String name) {
    return find(root, name)
        .orElseThrow(
            () ->
                new Lenet5Exception(
                    root + " has no " + name + " (or " + name + ".gz); an IDX dataset of your own"
                        + " needs " + TRAIN_IMAGES + " and " + TRAIN_LABELS + ", and "
                        + TEST_IMAGES + " with " + TEST_LABELS + " for a test set"));
  }

  private static Optional<Path> find(Path dir, String name) {
    for (String candidate : List.of(name, name + ".gz")) {
      Path path = dir.resolve(candidate);
      if (Files.isRegularFile(path)) {
        return Optional.of(path);
      }
    }
    return Optional.empty();
  }
}
