package org.lenet5;

import org.lenet5.data.Dataset;
import org.lenet5.data.DatasetFiles;
import org.lenet5.data.DatasetLocator;
import org.lenet5.data.MnistDataset;

/**
 * The real MNIST files, found the way users find them ({@code LENET5_DATA_DIR}, else the cache,
 * downloading into it when needed) and loaded once per test JVM.
 */
public final class TestData {

  private static DatasetFiles files;
  private static MnistDataset mnist;

  private TestData() {}

  /** Paths of the four MNIST files. */
  public static synchronized DatasetFiles mnistFiles() {
    if (files == null) {
      files = DatasetLocator.of(null, null).locate(Dataset.MNIST);
    }
    return files;
  }

  /** Both MNIST splits, as raw 28x28 images. */
  public static synchronized MnistDataset mnist() {
    if (mnist == null) {
      mnist = MnistDataset.load(mnistFiles());
    }
    return mnist;
  }
}
