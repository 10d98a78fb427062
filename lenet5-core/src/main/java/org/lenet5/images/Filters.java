package org.lenet5.images;

/**
 * The image filters that separate ink from paper, on grey levels stored row-major in a float
 * array: minimum and maximum over a square window (van Herk / Gil-Werman, a few comparisons per
 * pixel whatever the window) and a box mean. Windows are clipped at the image's edges.
 */
final class Filters {

  private Filters() {}

  /**
   * The morphological opening (minimum, then maximum, over a {@code window}-pixel square): the
   * image without the bright structures narrower than the window. Of a light-on-dark digit it
   * keeps the background, however uneven.
   */
  static float[] opening(float[] image, int width, int height, int window) {
    return extreme(extreme(image, width, height, window, false), width, height, window, true);
  }

  /**
   * The image extended by {@code margin} pixels on each side with its point reflection about
   * each edge pixel (2 * edge - mirrored). It continues a slope across the edge: a background
   * that darkens toward the edge (a vignette, a shadow) stays a slope there, which an opening
   * keeps, instead of a ridge along the edge, which it would cut off.
   */
  static float[] extend(float[] image, int width, int height, int margin) {
    int wide = width + 2 * margin;
    int tall = height + 2 * margin;
    float[] result = new float[wide * tall];
    for (int y = 0; y < height; y++) {
      int row = (y + margin) * wide;
      for (int x = 0; x < wide; x++) {
        result[row + x] = reflect(image, y * width, 1, width, x - margin);
      }
    }
    for (int x = 0; x < wide; x++) {
      for (int y = 0; y < margin; y++) {
        result[y * wide + x] = reflect(result, margin * wide + x, wide, height, y - margin);
        int below = margin + height + y;
        result[below * wide + x] = reflect(result, margin * wide + x, wide, height, height + y);
      }
    }
    return result;
  }

  /** Sample {@code i} of a line of {@code length} samples, point-reflected beyond its ends. */
  private static float reflect(float[] data, int start, int stride, int length, int i) {
    if (i < 0) {
      int mirrored = Math.min(length - 1, -i);
      return 2 * data[start] - data[start + mirrored * stride];
    }
    if (i >= length) {
      int mirrored = Math.max(0, 2 * (length - 1) - i);
      return 2 * data[start + (length - 1) * stride] - data[start + mirrored * stride];
    }
    return data[start + i * stride];
  }

  /** The inner {@code width} x {@code height} part of an image extended by {@link #extend}. */
  static float[] crop(float[] extended, int width, int height, int margin) {
    int wide = width + 2 * margin;
    float[] result = new float[width * height];
    for (int y = 0; y < height; y++) {
      System.arraycopy(extended, (y + margin) * wide + margin, result, y * width, width);
    }
    return result;
  }

  /** The maximum over a {@code window}-pixel square around each pixel. */
  static float[] dilation(float[] image, int width, int height, int window) {
    return extreme(image, width, height, window, true);
  }

  /** The mean over a {@code window}-pixel square around each pixel. */
  static float[] boxMean(float[] image, int width, int height, int window) {
    int radius = window / 2;
    float[] rows = new float[image.length];
    double[] line = new double[Math.max(width, height) + 1];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        line[x + 1] = line[x] + image[y * width + x];
      }
      for (int x = 0; x < width; x++) {
        int from = Math.max(0, x - radius);
        int to = Math.min(width, x + radius + 1);
        rows[y * width + x] = (float) ((line[to] - line[from]) / (to - from));
      }
    }
    float[] result = new float[image.length];
    for (int x = 0; x < width; x++) {
      for (int y = 0; y < height; y++) {
        line[y + 1] = line[y] + rows[y * width + x];
      }
      for (int y = 0; y < height; y++) {
        int from = Math.max(0, y - radius);
        int to = Math.min(height, y + radius + 1);
        result[y * width + x] = (float) ((line[to] - line[from]) / (to - from));
      }
    }
    return result;
  }

  private static float[] extreme(float[] image, int width, int height, int window, boolean max) {
    float[] rows = new float[image.length];
    float[] line = new float[width];
    for (int y = 0; y < height; y++) {
      System.arraycopy(image, y * width, line, 0, width);
      System.arraycopy(extreme(line, window, max), 0, rows, y * width, width);
    }
    float[] result = new float[image.length];
    float[] column = new float[height];
    for (int x = 0; x < width; x++) {
      for (int y = 0; y < height; y++) {
        column[y] = rows[y * width + x];
      }
      float[] filtered = extreme(column, window, max);
      for (int y = 0; y < height; y++) {
        result[y * width + x] = filtered[y];
      }
    }
    return result;
  }

  /** Van Herk / Gil-Werman: prefix and suffix extremes per block of {@code window} samples. */
  private static float[] extreme(float[] line, int window, boolean max) {
    int n = line.length;
    int radius = window / 2;
    int k = 2 * radius + 1;
    int padded = ((n + 2 * radius + k - 1) / k) * k;
    float outside = max ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
    float[] p = new float[padded];
    for (int j = 0; j < padded; j++) {
      p[j] = j >= radius && j < radius + n ? line[j - radius] : outside;
    }
    float[] prefix = new float[padded];
    float[] suffix = new float[padded];
    for (int j = 0; j < padded; j++) {
      prefix[j] = j % k == 0 ? p[j] : pick(prefix[j - 1], p[j], max);
    }
    for (int j = padded - 1; j >= 0; j--) {
      suffix[j] = j % k == k - 1 ? p[j] : pick(suffix[j + 1], p[j], max);
    }
    float[] result = new float[n];
    for (int i = 0; i < n; i++) {
      result[i] = pick(suffix[i], prefix[i + 2 * radius], max);
    }
    return result;
  }

  private static float pick(float a, float b, boolean max) {
    return max ? Math.max(a, b) : Math.min(a, b);
  }
}
