package org.lenet5.data;

import org.lenet5.data.Dataset.DatasetFile;

/** The training and test splits of an MNIST-format dataset, as raw 28x28 images. */
public record MnistDataset(Dataset dataset, LabeledImages train, LabeledImages test) {

  /** Image height and width in the IDX files. */
  public static final int IMAGE_SIZE = 28;

  /**
   * Reads and checks both splits.
   *
   * @throws org.lenet5.Lenet5Exception if a file is malformed
   */
  public static MnistDataset load(DatasetFiles files) {
    Dataset dataset = files.dataset();
    return new MnistDataset(
        dataset,
        read(files, dataset.trainImages(), dataset.trainLabels()),
        read(files, dataset.testImages(), dataset.testLabels()));
  }

  /**
   * Reads and checks only the test split.
   *
   * @throws org.lenet5.Lenet5Exception if a file is malformed
   */
  public static LabeledImages loadTest(DatasetFiles files) {
    Dataset dataset = files.dataset();
    return read(files, dataset.testImages(), dataset.testLabels());
  }

  private static LabeledImages read(DatasetFiles files, DatasetFile images, DatasetFile labels) {
    return LabeledImages.read(
        files.path(images), files.path(labels), IMAGE_SIZE, IMAGE_SIZE,
        files.dataset().classNames().size());
  }
}
