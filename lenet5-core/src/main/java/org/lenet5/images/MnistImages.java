package org.lenet5.images;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * Turns an arbitrary picture into a 28x28 MNIST-style image: a light digit on a black background.
 *
 * <p>The steps, each for a kind of picture people have:
 *
 * <ol>
 *   <li>Grey levels are read through the picture's colour model: a palette picture by its
 *       palette's colours, 1-bit and 16-bit grey by their range, colour (RGB, CMYK) by its luma.
 *   <li>Transparency: a picture whose visible pixels are all of one colour (white strokes on a
 *       transparent background, say) is its alpha channel, so the strokes show whatever their
 *       colour; any other is laid on its own paper colour.
 *   <li>Which is ink: the ink is on the far side of the paper (the border's median level) from
 *       the rest, so dark ink on grey paper counts as dark ink.
 *   <li>A 28x28 picture whose background is exactly black (after inverting dark ink) is an MNIST
 *       image already and is taken as it is.
 *   <li>Otherwise the paper is estimated and removed: a morphological opening over a window a
 *       quarter of the picture wide keeps the background (shadows, uneven light, grey paper) but
 *       not the strokes; what stands out of it is thresholded (Otsu), specks far smaller than the
 *       digit are dropped, and the ink is stretched to full contrast.
 *   <li>The digit is cropped to its bounding box, scaled so that its longer side is 20 pixels
 *       and placed in a 28x28 frame with its center of mass in the middle, which is how the
 *       MNIST images were made.
 * </ol>
 *
 * <p>A picture with nothing that stands out from its paper by at least {@value #MIN_CONTRAST} grey
 * levels, and by six times its pixel noise, has no digit (blank, uniform, one pixel, fully
 * transparent, a photo of empty paper): {@link NoDigitException}.
 */
public final class MnistImages {

  /** Side of an MNIST image. */
  public static final int SIZE = 28;

  /** Least difference in grey levels (of 255) between ink and paper that counts as a mark. */
  public static final int MIN_CONTRAST = 40;

  private static final int BOX = 20;
  private static final int INK = 32;

  /** Larger pictures are averaged down to this longest side before the ink is separated. */
  private static final int WORKING_SIDE = 1024;

  /** Visible pixels whose grey levels spread less than this are taken as one stroke colour. */
  private static final int ONE_COLOUR_SPREAD = 96;

  /** Ink blobs smaller than this share of the largest are specks, not part of the digit. */
  private static final double SPECK_SHARE = 0.05;

  /** Paper darker than this (in a shadow) does not get its ink's contrast raised further. */
  private static final float MAX_SHADOW_LEVEL = 96;

  /** How many times the pixel noise a mark must stand out by. */
  private static final float NOISE_MARGIN = 6;

  /** The window around the strokes within which their soft edges are kept. */
  private static final int EDGE_WINDOW = 5;

  private MnistImages() {}

  /**
   * The picture as 784 grey levels (0 = background), row-major.
   *
   * @throws NoDigitException if nothing in the picture stands out from its background
   */
  public static byte[] fromImage(BufferedImage picture) {
    int width = picture.getWidth();
    int height = picture.getHeight();
    GreyLevels grey = GreyLevels.of(picture);
    float[] luma = grey.luma();
    float[] alpha = grey.alpha();
    Ink ink =
        alpha != null && isTranslucent(alpha) ? inkOfTranslucent(luma, alpha, width, height)
            : inkOfOpaque(luma, width, height);

    float[] levels = ink.levels();
    if (width == SIZE && height == SIZE && isMnistLike(levels)) {
      byte[] image = new byte[SIZE * SIZE];
      for (int i = 0; i < image.length; i++) {
        image[i] = (byte) Math.round(levels[i]);
      }
      return image;
    }
    int factor = (Math.max(width, height) + WORKING_SIDE - 1) / WORKING_SIDE;
    if (factor > 1) {
      int smallWidth = (width + factor - 1) / factor;
      int smallHeight = (height + factor - 1) / factor;
      levels = averageDown(levels, width, height, factor, smallWidth, smallHeight);
      width = smallWidth;
      height = smallHeight;
    }
    float[] separated = separate(levels, ink.onPaper(), width, height);
    return fitAndCenter(separated, width, height);
  }

  /**
   * Grey levels with the ink light, and whether they were inverted from dark ink on paper,
   * whose contrast is then a share of the light falling on the paper.
   */
  private record Ink(float[] levels, boolean onPaper) {}

  private static boolean isTranslucent(float[] alpha) {
    for (float a : alpha) {
      if (a < 254 / 255f) {
        return true;
      }
    }
    return false;
  }

  /**
   * The ink of a picture with transparency. Blending onto white would hide white strokes, onto
   * black black ones: when the visible pixels are all about one colour, the strokes are where
   * the picture is opaque, so the alpha is the ink. When they differ (a photo with a transparent
   * margin), the transparent parts take the colour of the photo's paper.
   */
  private static Ink inkOfTranslucent(float[] luma, float[] alpha, int width, int height) {
    int[] visible = new int[256];
    int count = 0;
    for (int i = 0; i < luma.length; i++) {
      if (alpha[i] >= 0.5f) {
        visible[GreyLevels.level(luma[i])]++;
        count++;
      }
    }
    if (count == 0) {
      throw new NoDigitException("the image is fully transparent");
    }
    int spread = GreyLevels.percentile(visible, count, 0.95) - GreyLevels.percentile(visible, count, 0.05);
    if (spread < ONE_COLOUR_SPREAD) {
      float[] ink = new float[alpha.length];
      for (int i = 0; i < ink.length; i++) {
        ink[i] = 255 * alpha[i];
      }
      return new Ink(ink, false);
    }
    float paper = GreyLevels.percentile(visible, count, 0.5);
    float[] laid = new float[luma.length];
    for (int i = 0; i < luma.length; i++) {
      laid[i] = alpha[i] * luma[i] + (1 - alpha[i]) * paper;
    }
    return inkOfOpaque(laid, width, height);
  }

  /**
   * Grey levels turned so that ink is light: inverted when the darkest marks lie further from
   * the paper (the border's median) than the lightest ones.
   */
  private static Ink inkOfOpaque(float[] luma, int width, int height) {
    int[] border = new int[256];
    int count = 0;
    for (int x = 0; x < width; x++) {
      border[GreyLevels.level(luma[x])]++;
      border[GreyLevels.level(luma[(height - 1) * width + x])]++;
      count += 2;
    }
    for (int y = 0; y < height; y++) {
      border[GreyLevels.level(luma[y * width])]++;
      border[GreyLevels.level(luma[y * width + width - 1])]++;
      count += 2;
    }
    int paper = GreyLevels.percentile(border, count, 0.5);
    // Lightly smoothed, so that single noisy pixels do not count as the darkest or lightest.
    float[] smooth = Math.min(width, height) >= 16 ? Filters.boxMean(luma, width, height, 3) : luma;
    int[] all = GreyLevels.histogram(smooth);
    int darkest = GreyLevels.percentile(all, smooth.length, 0.001);
    int lightest = GreyLevels.percentile(all, smooth.length, 0.999);
    boolean darkInk = paper - darkest > lightest - paper;
    float[] ink = luma.clone();
    if (darkInk) {
      for (int i = 0; i < ink.length; i++) {
        ink[i] = 255 - ink[i];
      }
    }
    return new Ink(ink, darkInk);
  }

  /** Whether a 28x28 image is one as MNIST stores them: at least half of it exactly black. */
  private static boolean isMnistLike(float[] ink) {
    int black = 0;
    float max = 0;
    for (float v : ink) {
      if (Math.round(v) == 0) {
        black++;
      }
      max = Math.max(max, v);
    }
    if (max < MIN_CONTRAST) {
      throw noContrast(Math.round(max), MIN_CONTRAST);
    }
    return black * 2 >= ink.length;
  }

  /**
   * The ink alone, 0 where there is paper: the background estimated and subtracted, specks
   * removed, contrast stretched to full.
   */
  private static float[] separate(float[] ink, boolean onPaper, int width, int height) {
    int window = Math.max(3, Math.min(width, height) / 4) | 1;
    int margin = window / 2;
    int wide = width + 2 * margin;
    int tall = height + 2 * margin;
    // Smoothed first, so that the opening's minimum does not sink into the pixel noise (and the
    // extension beyond the edges does not repeat one noisy edge pixel).
    int smoothing = window >= 15 ? 5 : 3;
    float[] extended =
        Filters.extend(Filters.boxMean(ink, width, height, smoothing), width, height, margin);
    float[] background =
        Filters.crop(
            Filters.boxMean(Filters.opening(extended, wide, tall, window), wide, tall, window),
            width, height, margin);
    float[] residual = new float[ink.length];
    float[] marks = new float[ink.length];
    for (int i = 0; i < ink.length; i++) {
      residual[i] = ink[i] - background[i];
      marks[i] = Math.max(0, Math.min(255, residual[i]));
    }
    boolean smoothed = Math.min(width, height) >= 64;
    float[] peaks = smoothed ? Filters.boxMean(marks, width, height, 3) : marks;
    float contrast = 0;
    for (float v : peaks) {
      contrast = Math.max(contrast, v);
    }
    // Noise alone reaches a few of its standard deviations somewhere in a large picture (a third
    // of that after the 3x3 mean): a mark must stand out further than that, and than MIN_CONTRAST.
    float noise = noiseLevel(residual, width, height) / (smoothed ? 3 : 1);
    int needed = Math.max(MIN_CONTRAST, Math.round(NOISE_MARGIN * noise));
    if (contrast < needed) {
      throw noContrast(Math.round(contrast), needed);
    }
    if (onPaper) {
      // Ink on paper takes a share of the light: in a shadow the same stroke is less dark.
      for (int i = 0; i < ink.length; i++) {
        marks[i] =
            Math.min(255, marks[i] * 255 / Math.max(MAX_SHADOW_LEVEL, 255 - background[i]));
      }
    }
    int[] histogram = GreyLevels.histogram(marks);
    int threshold =
        Math.max(Math.round(0.2f * contrast), Math.min(Math.round(0.6f * contrast),
            otsu(histogram, marks.length)));

    int[] labels = new int[marks.length];
    int[] areas = label(marks, width, height, threshold, labels);
    int largest = 0;
    for (int area : areas) {
      largest = Math.max(largest, area);
    }
    boolean[] speck = new boolean[areas.length];
    int[] inkLevels = new int[256];
    int inkCount = 0;
    for (int i = 0; i < marks.length; i++) {
      if (labels[i] > 0) {
        speck[labels[i]] = areas[labels[i]] < SPECK_SHARE * largest;
        if (!speck[labels[i]]) {
          inkLevels[GreyLevels.level(marks[i])]++;
          inkCount++;
        }
      }
    }
    int[] paperLevels = Arrays.copyOf(histogram, threshold + 1);
    int paperCount = 0;
    for (int c : paperLevels) {
      paperCount += c;
    }
    // The paper's residual noise, so that it does not come back as a grey haze.
    float floor =
        Math.min(
            threshold / 2f, paperCount == 0 ? 0 : 3f * GreyLevels.percentile(paperLevels, paperCount, 0.5));
    float full = Math.max(floor + 1, GreyLevels.percentile(inkLevels, inkCount, 0.9));
    float gain = 255 / (full - floor);
    // The strokes' soft edges, below the threshold, are kept; faint residue away from them is not.
    float[] strokes = new float[marks.length];
    for (int i = 0; i < marks.length; i++) {
      strokes[i] = labels[i] > 0 && !speck[labels[i]] ? 1 : 0;
    }
    float[] near = Filters.dilation(strokes, width, height, EDGE_WINDOW);
    float[] result = new float[marks.length];
    for (int i = 0; i < marks.length; i++) {
      if (near[i] > 0 && (labels[i] == 0 || !speck[labels[i]])) {
        result[i] = Math.max(0, Math.min(255, (marks[i] - floor) * gain));
      }
    }
    return result;
  }

  private static NoDigitException noContrast(int contrast, int needed) {
    return new NoDigitException(
        contrast == 0
            ? "the image is uniform"
            : "nothing stands out from the background: contrast " + contrast + " of 255, a digit"
                + " needs " + needed + (needed > MIN_CONTRAST ? " in this image's noise" : ""));
  }

  /**
   * The standard deviation of the picture's pixel noise, from the median absolute difference of
   * horizontal neighbours (robust to the few differences that are stroke edges).
   */
  private static float noiseLevel(float[] levels, int width, int height) {
    int bins = 1024;
    float binWidth = 0.25f;
    int[] histogram = new int[bins];
    int count = 0;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x + 1 < width; x++) {
        float difference = Math.abs(levels[y * width + x + 1] - levels[y * width + x]);
        histogram[Math.min(bins - 1, (int) (difference / binWidth))]++;
        count++;
      }
    }
    if (count == 0) {
      return 0;
    }
    float median = (GreyLevels.percentile(histogram, count, 0.5) + 0.5f) * binWidth;
    // For Gaussian noise of deviation s, neighbour differences have deviation s * sqrt(2) and a
    // median absolute value of 0.6745 times that.
    return (float) (median / (0.6745 * Math.sqrt(2)));
  }

  /**
   * Labels the 8-connected regions above {@code threshold} 1, 2, ... in {@code labels}; returns
   * each label's area (index 0 unused).
   */
  private static int[] label(float[] marks, int width, int height, int threshold, int[] labels) {
    int[] areas = new int[16];
    int next = 1;
    int[] stack = new int[marks.length];
    for (int start = 0; start < marks.length; start++) {
      if (labels[start] != 0 || marks[start] <= threshold) {
        continue;
      }
      if (next == areas.length) {
        areas = Arrays.copyOf(areas, 2 * areas.length);
      }
      int area = 0;
      int top = 0;
      stack[top++] = start;
      labels[start] = next;
      while (top > 0) {
        int i = stack[--top];
        area++;
        int x = i % width;
        int y = i / width;
        for (int dy = -1; dy <= 1; dy++) {
          for (int dx = -1; dx <= 1; dx++) {
            int nx = x + dx;
            int ny = y + dy;
            if (nx >= 0 && ny >= 0 && nx < width && ny < height) {
              int j = ny * width + nx;
              if (labels[j] == 0 && marks[j] > threshold) {
                labels[j] = next;
                stack[top++] = j;
              }
            }
          }
        }
      }
      areas[next++] = area;
    }
    return Arrays.copyOf(areas, next);
  }

  /** Otsu's threshold: the level that best splits the histogram into two classes. */
  private static int otsu(int[] histogram, int total) {
    double sum = 0;
    for (int level = 0; level < histogram.length; level++) {
      sum += level * (double) histogram[level];
    }
    double sumBelow = 0;
    long below = 0;
    double best = -1;
    int threshold = 0;
    for (int level = 0; level < histogram.length; level++) {
      below += histogram[level];
      if (below == 0) {
        continue;
      }
      long above = total - below;
      if (above == 0) {
        break;
      }
      sumBelow += level * (double) histogram[level];
      double meanBelow = sumBelow / below;
      double meanAbove = (sum - sumBelow) / above;
      double between = (double) below * above * (meanBelow - meanAbove) * (meanBelow - meanAbove);
      if (between > best) {
        best = between;
        threshold = level;
      }
    }
    return threshold;
  }

  private static float[] averageDown(
      float[] image, int width, int height, int factor, int toWidth, int toHeight) {
    float[] sums = new float[toWidth * toHeight];
    int[] counts = new int[toWidth * toHeight];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int i = (y / factor) * toWidth + x / factor;
        sums[i] += image[y * width + x];
        counts[i]++;
      }
    }
    for (int i = 0; i < sums.length; i++) {
      sums[i] /= counts[i];
    }
    return sums;
  }

  private static byte[] fitAndCenter(float[] ink, int width, int height) {
    int left = width;
    int right = -1;
    int top = height;
    int bottom = -1;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        if (ink[y * width + x] >= INK) {
          left = Math.min(left, x);
          right = Math.max(right, x);
          top = Math.min(top, y);
          bottom = Math.max(bottom, y);
        }
      }
    }
    if (right < 0) {
      throw noContrast(0, MIN_CONTRAST);
    }
    int boxWidth = right - left + 1;
    int boxHeight = bottom - top + 1;
    double scale = (double) BOX / Math.max(boxWidth, boxHeight);
    int scaledWidth = Math.max(1, (int) Math.round(boxWidth * scale));
    int scaledHeight = Math.max(1, (int) Math.round(boxHeight * scale));
    int[][] digit =
        scale(ink, width, left, top, boxWidth, boxHeight, scaledWidth, scaledHeight);
    return centerByMass(digit, scaledWidth, scaledHeight);
  }

  private static int[][] scale(
      float[] ink, int stride, int left, int top, int width, int height, int toWidth,
      int toHeight) {
    BufferedImage box = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        box.getRaster().setSample(x, y, 0, Math.round(ink[(top + y) * stride + left + x]));
      }
    }
    BufferedImage scaled = new BufferedImage(toWidth, toHeight, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D graphics = scaled.createGraphics();
    try {
      graphics.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      graphics.drawImage(
          box.getScaledInstance(toWidth, toHeight, java.awt.Image.SCALE_AREA_AVERAGING),
          0, 0, null);
    } finally {
      graphics.dispose();
    }
    int[][] result = new int[toHeight][toWidth];
    for (int y = 0; y < toHeight; y++) {
      for (int x = 0; x < toWidth; x++) {
        result[y][x] = scaled.getRaster().getSample(x, y, 0);
      }
    }
    return result;
  }

  private static byte[] centerByMass(int[][] digit, int width, int height) {
    double mass = 0;
    double sumX = 0;
    double sumY = 0;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        mass += digit[y][x];
        sumX += x * (double) digit[y][x];
        sumY += y * (double) digit[y][x];
      }
    }
    double centerX = mass > 0 ? sumX / mass : (width - 1) / 2.0;
    double centerY = mass > 0 ? sumY / mass : (height - 1) / 2.0;
    int offsetX = clamp((int) Math.round((SIZE - 1) / 2.0 - centerX), 0, SIZE - width);
    int offsetY = clamp((int) Math.round((SIZE - 1) / 2.0 - centerY), 0, SIZE - height);
    byte[] image = new byte[SIZE * SIZE];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image[(offsetY + y) * SIZE + offsetX + x] = (byte) digit[y][x];
      }
    }
    return image;
  }

  private static int clamp(int value, int min, int max) {
    return Math.max(min, Math.min(max, value));
  }
}
