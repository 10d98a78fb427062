package org.lenet5.data;

import java.util.SplittableRandom;

/**
 * Random small affine distortions of preprocessed images, for training on a slightly different
 * copy of each digit every epoch: a rotation about the centre of up to ±{@value
 * #MAX_ROTATION_DEGREES}° and a shift of up to ±{@value #MAX_SHIFT} pixels in each direction, both
 * drawn uniformly, resampled bilinearly. Pixels that come from outside the image take the
 * background's value (grey level 0 after normalization).
 *
 * <p>Distorting one batch at a time keeps memory flat: no augmented copy of the training set is
 * ever held.
 */
public final class Augmentation {

  /** The largest rotation, in degrees either way. */
  public static final double MAX_ROTATION_DEGREES = 10;

  /** The largest shift, in pixels of the 32x32 input, in each direction. */
  public static final double MAX_SHIFT = 2;

  private static final int SIDE = Preprocessing.MODEL_SIZE;
  private static final double CENTRE = (SIDE - 1) / 2.0;

  private final float background;

  /**
   * Distortions of images preprocessed by {@code preprocessing}.
   *
   * @param preprocessing supplies the normalized value of a blank pixel
   */
  public Augmentation(Preprocessing preprocessing) {
    this.background = preprocessing.normalizedLevels()[0];
  }

  /**
   * Writes a randomly distorted copy of the image at {@code from} in {@code source} to {@code to}
   * in {@code target}; both arrays hold 32x32 preprocessed images.
   */
  public void distort(
      float[] source, int from, float[] target, int to, SplittableRandom random) {
    double degrees = (random.nextDouble() * 2 - 1) * MAX_ROTATION_DEGREES;
    double shiftX = (random.nextDouble() * 2 - 1) * MAX_SHIFT;
    double shiftY = (random.nextDouble() * 2 - 1) * MAX_SHIFT;
    transform(source, from, target, to, degrees, shiftX, shiftY);
  }

  /**
   * Rotates the image by {@code degrees} (clockwise on screen, where y grows downwards) about its
   * centre, then shifts it by {@code shiftX} pixels right and {@code shiftY} down.
   */
  void transform(
      float[] source, int from, float[] target, int to, double degrees, double shiftX,
      double shiftY) {
    double angle = Math.toRadians(degrees);
    double cos = Math.cos(angle);
    double sin = Math.sin(angle);
    for (int y = 0; y < SIDE; y++) {
      for (int x = 0; x < SIDE; x++) {
        // Inverse mapping: where in the source does this target pixel come from?
        double dx = x - CENTRE - shiftX;
        double dy = y - CENTRE - shiftY;
        double sourceX = cos * dx + sin * dy + CENTRE;
        double sourceY = -sin * dx + cos * dy + CENTRE;
        target[to + y * SIDE + x] = sample(source, from, sourceX, sourceY);
      }
    }
  }

  private float sample(float[] image, int offset, double x, double y) {
    int left = (int) Math.floor(x);
    int top = (int) Math.floor(y);
    double fx = x - left;
    double fy = y - top;
    double upper =
        (1 - fx) * pixel(image, offset, left, top) + fx * pixel(image, offset, left + 1, top);
    double lower =
        (1 - fx) * pixel(image, offset, left, top + 1)
            + fx * pixel(image, offset, left + 1, top + 1);
    return (float) ((1 - fy) * upper + fy * lower);
  }

  private float pixel(float[] image, int offset, int x, int y) {
    if (x < 0 || y < 0 || x >= SIDE || y >= SIDE) {
      return background;
    }
    return image[offset + y * SIDE + x];
  }
}
