package org.lenet5.data;

import java.util.stream.IntStream;
import org.lenet5.images.PilBilinearResize;

/**
 * Turns raw 28x28 images into the model's input exactly as the reference does: Pillow bilinear
 * resize to 32x32, scale to [0, 1], then normalize with the training set's mean and standard
 * deviation.
 */
public final class Preprocessing {

  /** Height and width of the model's input. */
  public static final int MODEL_SIZE = 32;

  /** Floats per preprocessed image. */
  public static final int MODEL_PIXELS = MODEL_SIZE * MODEL_SIZE;

  private final float mean;
  private final float std;

  /** Preprocessing with the given normalization constants (on the 0..1 scale). */
  public Preprocessing(float mean, float std) {
    this.mean = mean;
    this.std = std;
  }

  /** Preprocessing with a built-in dataset's published training-set statistics. */
  public static Preprocessing forDataset(Dataset dataset) {
    return new Preprocessing(dataset.mean(), dataset.std());
  }

  /** The mean subtracted from each pixel on the 0..1 scale. */
  public float mean() {
    return mean;
  }

  /** The standard deviation each pixel is divided by, on the 0..1 scale. */
  public float std() {
    return std;
  }

  /**
   * Preprocesses every image.
   *
   * @return the images and their labels, ready to feed
   */
  public ModelInput apply(LabeledImages source) {
    IdxImages images = source.images();
    PilBilinearResize resize =
        new PilBilinearResize(images.cols(), images.rows(), MODEL_SIZE, MODEL_SIZE);
    byte[] levels = new byte[images.count() * MODEL_PIXELS];
    // Images are independent: resize them in chunks on every core (start-up time).
    int chunks = Math.max(1, Math.min(images.count() / 1000, 64));
    IntStream.range(0, chunks)
        .parallel()
        .forEach(
            chunk -> {
              int[] resized = new int[MODEL_PIXELS];
              int end = (int) ((long) images.count() * (chunk + 1) / chunks);
              for (int i = (int) ((long) images.count() * chunk / chunks); i < end; i++) {
                resize.resize(images.pixels(), i * images.imageSize(), resized);
                int base = i * MODEL_PIXELS;
                for (int p = 0; p < MODEL_PIXELS; p++) {
                  levels[base + p] = (byte) resized[p];
                }
              }
            });
    return new ModelInput(levels, normalizedLevels(), source.classes());
  }

  /**
   * The normalized value of each 8-bit grey level, computed as torchvision does in float32. The
   * serving graph evaluates the same float32 expression, so both agree to the bit.
   */
  public float[] normalizedLevels() {
    float[] levels = new float[256];
    for (int level = 0; level < levels.length; level++) {
      levels[level] = (level / 255f - mean) / std;
    }
    return levels;
  }
}
