package org.lenet5.data;

import java.nio.file.Path;
import org.lenet5.Lenet5Exception;

/** Raw 8-bit images with one class label each, as read from a pair of IDX files. */
public record LabeledImages(IdxImages images, byte[] labels) {

  /** The most classes labels can tell apart: one unsigned byte each. */
  public static final int MAX_CLASSES = 256;

  /**
   * Reads and checks a pair of IDX files.
   *
   * @param classes the number of classes: labels lie in {@code 0..classes-1}
   * @throws Lenet5Exception if either file is malformed, the counts differ, a label is outside
   *     0..classes-1, or the images are not {@code rows x cols}
   */
  public static LabeledImages read(
      Path imagesFile, Path labelsFile, int rows, int cols, int classes) {
    IdxImages images = IdxReader.readImages(imagesFile);
    if (images.rows() != rows || images.cols() != cols) {
      throw new Lenet5Exception(
          String.format(
              "%s holds %dx%d images; the model takes %dx%d grayscale images as in MNIST",
              imagesFile, images.rows(), images.cols(), rows, cols));
    }
    byte[] labels = IdxReader.readLabels(labelsFile);
    if (labels.length != images.count()) {
      throw new Lenet5Exception(
          String.format(
              "%s holds %d labels but %s holds %d images; use files from the same dataset split",
              labelsFile, labels.length, imagesFile, images.count()));
    }
    for (int i = 0; i < labels.length; i++) {
      if ((labels[i] & 0xff) >= classes) {
        throw new Lenet5Exception(
            String.format(
                "%s: label %d of item %d is outside 0..%d", labelsFile, labels[i] & 0xff, i,
                classes - 1));
      }
    }
    return new LabeledImages(images, labels);
  }

  /** The number of images. */
  public int count() {
    return labels.length;
  }

  /** The class of each image, as a new array of ints. */
  public int[] classes() {
    int[] classes = new int[labels.length];
    for (int i = 0; i < classes.length; i++) {
      classes[i] = labels[i] & 0xff;
    }
    return classes;
  }

  /** The images at {@code indices}, in that order. */
  public LabeledImages select(int[] indices) {
    int size = images.imageSize();
    byte[] pixels = new byte[indices.length * size];
    byte[] selected = new byte[indices.length];
    for (int i = 0; i < indices.length; i++) {
      System.arraycopy(images.pixels(), indices[i] * size, pixels, i * size, size);
      selected[i] = labels[indices[i]];
    }
    return new LabeledImages(new IdxImages(indices.length, images.rows(), images.cols(), pixels),
        selected);
  }

  /** The first {@code limit} images, or all of them when there are fewer. */
  public LabeledImages first(int limit) {
    if (limit >= count()) {
      return this;
    }
    int size = images.imageSize();
    byte[] pixels = java.util.Arrays.copyOf(images.pixels(), limit * size);
    return new LabeledImages(
        new IdxImages(limit, images.rows(), images.cols(), pixels),
        java.util.Arrays.copyOf(labels, limit));
  }
}
