package org.lenet5.images;

/**
 * Resizes 8-bit grayscale images exactly as Pillow's {@code Image.resize(size, BILINEAR)} does,
 * which is what torchvision's {@code Resize} applies to MNIST's PIL images.
 *
 * <p>Pillow resamples in two separable passes, horizontal then vertical, with fixed-point weights
 * (22 fractional bits) and rounds to 8 bits after each pass. Reproducing that rounding is what
 * makes our 32x32 inputs bit-identical to the reference's.
 */
public final class PilBilinearResize {

  private static final int PRECISION_BITS = 32 - 8 - 2;

  private final int inWidth;
  private final int inHeight;
  private final int outWidth;
  private final int outHeight;
  private final Coefficients horizontal;
  private final Coefficients vertical;

  /** Prepares a resize from {@code inWidth x inHeight} to {@code outWidth x outHeight}. */
  public PilBilinearResize(int inWidth, int inHeight, int outWidth, int outHeight) {
    this.inWidth = inWidth;
    this.inHeight = inHeight;
    this.outWidth = outWidth;
    this.outHeight = outHeight;
    this.horizontal = Coefficients.compute(inWidth, outWidth);
    this.vertical = Coefficients.compute(inHeight, outHeight);
  }

  /**
   * Resizes one image.
   *
   * @param in source pixels, row-major, read from {@code in[inOffset]}
   * @param out receives {@code outWidth * outHeight} pixels as unsigned values 0..255
   */
  public void resize(byte[] in, int inOffset, int[] out) {
    int[] rows = new int[inHeight * outWidth];
    for (int y = 0; y < inHeight; y++) {
      for (int x = 0; x < outWidth; x++) {
        int sum = 1 << (PRECISION_BITS - 1);
        int first = horizontal.first[x];
        for (int k = 0; k < horizontal.count[x]; k++) {
          sum += (in[inOffset + y * inWidth + first + k] & 0xff) * horizontal.weight(x, k);
        }
        rows[y * outWidth + x] = clip8(sum);
      }
    }
    for (int y = 0; y < outHeight; y++) {
      int first = vertical.first[y];
      for (int x = 0; x < outWidth; x++) {
        int sum = 1 << (PRECISION_BITS - 1);
        for (int k = 0; k < vertical.count[y]; k++) {
          sum += rows[(first + k) * outWidth + x] * vertical.weight(y, k);
        }
        out[y * outWidth + x] = clip8(sum);
      }
    }
  }

  /**
   * The horizontal pass as a matrix of fixed-point weights: {@code out[x] = clip8((sum_i in[i] *
   * m[x][i] + 2^21) >> 22)}. With {@link #verticalWeights()} this lets a TensorFlow graph repeat
   * the resize exactly.
   */
  public int[][] horizontalWeights() {
    return horizontal.matrix(inWidth);
  }

  /** The vertical pass as a matrix of fixed-point weights, like {@link #horizontalWeights()}. */
  public int[][] verticalWeights() {
    return vertical.matrix(inHeight);
  }

  /** The number of fractional bits of the fixed-point weights. */
  public static int precisionBits() {
    return PRECISION_BITS;
  }

  private static int clip8(int value) {
    int shifted = value >> PRECISION_BITS;
    return Math.max(0, Math.min(255, shifted));
  }

  /** Pillow's {@code precompute_coeffs} and {@code normalize_coeffs_8bpc} for the triangle filter. */
  private static final class Coefficients {
    final int[] first;
    final int[] count;
    final int[] weights;
    final int kernelSize;

    private Coefficients(int[] first, int[] count, int[] weights, int kernelSize) {
      this.first = first;
      this.count = count;
      this.weights = weights;
      this.kernelSize = kernelSize;
    }

    int weight(int out, int k) {
      return weights[out * kernelSize + k];
    }

    int[][] matrix(int inSize) {
      int[][] matrix = new int[first.length][inSize];
      for (int out = 0; out < first.length; out++) {
        for (int k = 0; k < count[out]; k++) {
          matrix[out][first[out] + k] = weight(out, k);
        }
      }
      return matrix;
    }

    static Coefficients compute(int inSize, int outSize) {
      double scale = (double) inSize / outSize;
      double filterScale = Math.max(scale, 1.0);
      double support = 1.0 * filterScale;
      int kernelSize = (int) Math.ceil(support) * 2 + 1;
      int[] first = new int[outSize];
      int[] count = new int[outSize];
      int[] weights = new int[outSize * kernelSize];
      double[] k = new double[kernelSize];
      for (int xx = 0; xx < outSize; xx++) {
        double center = (xx + 0.5) * scale;
        double inverseScale = 1.0 / filterScale;
        int xmin = Math.max((int) (center - support + 0.5), 0);
        int xmax = Math.min((int) (center + support + 0.5), inSize) - xmin;
        double total = 0.0;
        for (int x = 0; x < xmax; x++) {
          k[x] = triangle((x + xmin - center + 0.5) * inverseScale);
          total += k[x];
        }
        for (int x = 0; x < xmax; x++) {
          double w = total != 0.0 ? k[x] / total : k[x];
          weights[xx * kernelSize + x] =
              (int) (w < 0 ? -0.5 + w * (1 << PRECISION_BITS) : 0.5 + w * (1 << PRECISION_BITS));
        }
        first[xx] = xmin;
        count[xx] = xmax;
      }
      return new Coefficients(first, count, weights, kernelSize);
    }

    private static double triangle(double x) {
      double a = Math.abs(x);
      return a < 1.0 ? 1.0 - a : 0.0;
    }
  }
}
