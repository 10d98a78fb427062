package org.lenet5.data;

/**
 * Preprocessed images ({@code count x 32 x 32}, row-major) and their labels: what the model is
 * fed. Each resized pixel is one of 256 grey levels, so the images are kept as levels, one byte
 * per pixel, and expanded to their normalized floats (one table shared by all) as they are fed: a
 * quarter of the memory of floats (61 MB instead of 246 MB for the MNIST training set), for the
 * same values to the bit.
 */
public final class ModelInput {

  private final byte[] levels;
  private final float[] normalizedLevels;
  private final int[] labels;

  /**
   * @param levels {@code count x 32 x 32} resized grey levels, unsigned
   * @param normalizedLevels the normalized value of each grey level, 256 entries
   * @param labels the class of each image
   */
  public ModelInput(byte[] levels, float[] normalizedLevels, int[] labels) {
    if (levels.length != labels.length * Preprocessing.MODEL_PIXELS
        || normalizedLevels.length != 256) {
      throw new IllegalArgumentException(
          labels.length + " labels need " + labels.length * Preprocessing.MODEL_PIXELS
              + " levels and a table of 256, got " + levels.length + " and "
              + normalizedLevels.length);
    }
    this.levels = levels;
    this.normalizedLevels = normalizedLevels.clone();
    this.labels = labels;
  }

  /** The number of images. */
  public int count() {
    return labels.length;
  }

  /** The class of each image; not a copy. */
  public int[] labels() {
    return labels;
  }

  /**
   * Writes images {@code first .. first + count - 1}, normalized, into {@code target} from
   * {@code offset} on.
   */
  public void copyImages(int first, int count, float[] target, int offset) {
    int from = first * Preprocessing.MODEL_PIXELS;
    int length = count * Preprocessing.MODEL_PIXELS;
    for (int i = 0; i < length; i++) {
      target[offset + i] = normalizedLevels[levels[from + i] & 0xff];
    }
  }

  /**
   * Every image, normalized, as one new array ({@code count x 1024} floats); for small inputs,
   * since it allocates the memory that this class saves.
   */
  public float[] pixels() {
    float[] pixels = new float[levels.length];
    copyImages(0, count(), pixels, 0);
    return pixels;
  }
}
