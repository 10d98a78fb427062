package org.lenet5.data;

import java.util.List;
import org.lenet5.images.ImageConversion;

/**
 * What a model knows of the data it was trained on, recorded with every checkpoint and export:
 * the data source as its user named it, the name of each class by label (so the output layer is
 * as wide as there are classes, and every prediction names its class), the normalization computed
 * from the training images, and how a picture becomes the model's 28x28 input.
 *
 * @param dataset the data source's id: a built-in dataset's name ({@code mnist}) or an image
 *     folder's path
 * @param classNames the name of each class, by label; two or more
 * @param mean the training images' mean grey level, on the 0..1 scale
 * @param std the training images' standard deviation, on the 0..1 scale
 * @param conversion how a picture becomes a 28x28 input
 */
public record DataDescription(
    String dataset, List<String> classNames, float mean, float std, ImageConversion conversion) {

  public DataDescription {
    classNames = List.copyOf(classNames);
    if (classNames.size() < 2) {
      throw new IllegalArgumentException("two classes or more, got " + classNames);
    }
  }

  /** A built-in dataset's description: its classes, its published normalization, digit framing. */
  public static DataDescription of(Dataset dataset) {
    return new DataDescription(
        dataset.id(), dataset.classNames(), dataset.mean(), dataset.std(), ImageConversion.DIGIT);
  }

  /**
   * The description of a model trained on {@code train}: its normalization is those images' mean
   * and standard deviation, on the 0..1 scale.
   */
  public static DataDescription measured(
      String dataset, List<String> classNames, LabeledImages train, ImageConversion conversion) {
    long[] histogram = new long[256];
    for (byte level : train.images().pixels()) {
      histogram[level & 0xff]++;
    }
    double count = train.images().pixels().length;
    double sum = 0;
    for (int level = 0; level < 256; level++) {
      sum += histogram[level] * (level / 255.0);
    }
    double mean = sum / count;
    double squares = 0;
    for (int level = 0; level < 256; level++) {
      double deviation = level / 255.0 - mean;
      squares += histogram[level] * deviation * deviation;
    }
    double std = Math.sqrt(squares / count);
    // Images of one flat colour have no spread to divide by: their levels stay unscaled.
    return new DataDescription(
        dataset, classNames, (float) mean, std > 0 ? (float) std : 1f, conversion);
  }

  /**
   * Whether a model of this data can be scored on {@code source}: the same built-in dataset, or
   * one's own images of the same classes (a copy of the folder elsewhere, a clone of the project),
   * or any folder of one's own images, whose classes are matched by name when it is scored.
   */
  public boolean fits(DataSource source) {
    if (source instanceof Dataset || isBuiltIn()) {
      return source.id().equals(dataset);
    }
    if (conversion != ImageConversion.PLAIN) {
      return false;
    }
    // A folder's images are scored by their class names, which scoring checks one by one.
    return source instanceof ImageFolder || source.classNames().equals(classNames);
  }

  /**
   * Whether models of this data and of {@code other} answer the same question, so that they can
   * be compared or served as versions of one model: the same built-in dataset, or the same
   * classes converted the same way.
   */
  public boolean fits(DataDescription other) {
    return isBuiltIn() || other.isBuiltIn()
        ? dataset.equals(other.dataset)
        : conversion == other.conversion && classNames.equals(other.classNames);
  }

  /** The data as a message names it: a built-in dataset by its name, one's own with its classes. */
  public String describe() {
    return isBuiltIn() ? dataset
        : dataset + " (classes " + String.join(", ", classNames) + ")";
  }

  /** Whether the data is a built-in dataset's. */
  public boolean isBuiltIn() {
    for (Dataset builtIn : Dataset.values()) {
      if (builtIn.id().equals(dataset)) {
        return true;
      }
    }
    return false;
  }

  /** The number of classes. */
  public int classes() {
    return classNames.size();
  }

  /** The preprocessing of the model's input: resize to 32x32, then this normalization. */
  public Preprocessing preprocessing() {
    return new Preprocessing(mean, std);
  }
}
