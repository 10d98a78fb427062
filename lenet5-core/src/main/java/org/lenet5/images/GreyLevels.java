package org.lenet5.images;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;

/**
 * A picture's grey levels (0..255, luma for colour) and, where it has one, its alpha (0..1), read
 * through its colour model: a palette picture by its palette's colours, 1-bit and 16-bit grey by
 * their range, colour (RGB, CMYK) by its luma (ITU-R 601: 0.299 R + 0.587 G + 0.114 B, as
 * Pillow's and torchvision's greyscale conversions). Row-major, {@code width x height}.
 *
 * @param width the picture's width
 * @param height the picture's height
 * @param luma the grey level of each pixel
 * @param alpha the opacity of each pixel, or null for an opaque picture
 */
public record GreyLevels(int width, int height, float[] luma, float[] alpha) {

  /** The grey levels of {@code picture}. */
  public static GreyLevels of(BufferedImage picture) {
    int width = picture.getWidth();
    int height = picture.getHeight();
    float[] luma = new float[width * height];
    float[] alpha = picture.getColorModel().hasAlpha() ? new float[width * height] : null;
    readLevels(picture, luma, alpha);
    return new GreyLevels(width, height, luma, alpha);
  }

  /**
   * The picture laid on black, as 8-bit levels: each pixel's grey level times its opacity,
   * rounded; an opaque picture's levels rounded.
   */
  public byte[] onBlack() {
    byte[] levels = new byte[luma.length];
    for (int i = 0; i < levels.length; i++) {
      levels[i] = (byte) level(alpha == null ? luma[i] : luma[i] * alpha[i]);
    }
    return levels;
  }

  /** Grey levels 0..255 and alpha 0..1, read through the picture's colour model. */
  private static void readLevels(BufferedImage picture, float[] luma, float[] alpha) {
    int width = picture.getWidth();
    int height = picture.getHeight();
    ColorModel model = picture.getColorModel();
    Raster raster = picture.getRaster();
    if (model instanceof ComponentColorModel
        && model.getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
      // Grey levels as stored, scaled by their bit depth: getRGB would pass them through a
      // linear-to-sRGB conversion and brighten them.
      boolean floating = raster.getTransferType() == DataBuffer.TYPE_FLOAT
          || raster.getTransferType() == DataBuffer.TYPE_DOUBLE;
      double greyScale = floating ? 255 : 255.0 / ((1L << model.getComponentSize(0)) - 1);
      double alphaScale =
          alpha == null || floating ? 1 : 1.0 / ((1L << model.getComponentSize(1)) - 1);
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          int i = y * width + x;
          double grey = raster.getSampleDouble(x, y, 0) * greyScale;
          if (alpha != null) {
            double a = Math.max(0, Math.min(1, raster.getSampleDouble(x, y, 1) * alphaScale));
            alpha[i] = (float) a;
            if (model.isAlphaPremultiplied() && a > 0) {
              grey /= a;
            }
          }
          luma[i] = (float) Math.max(0, Math.min(255, grey));
        }
      }
      return;
    }
    if (model.getColorSpace().getType() == ColorSpace.TYPE_CMYK && raster.getNumBands() == 4) {
      readCmyk(raster, luma);
      return;
    }
    // Palette, 1-bit, RGB...: the colour model knows the colour of each pixel.
    int[] row = new int[width];
    for (int y = 0; y < height; y++) {
      picture.getRGB(0, y, width, 1, row, 0, width);
      for (int x = 0; x < width; x++) {
        int argb = row[x];
        int i = y * width + x;
        luma[i] =
            (float) (0.299 * ((argb >> 16) & 0xff) + 0.587 * ((argb >> 8) & 0xff)
                + 0.114 * (argb & 0xff));
        if (alpha != null) {
          alpha[i] = ((argb >>> 24) & 0xff) / 255f;
        }
      }
    }
  }

  /**
   * The luma of CMYK samples. Java's JPEG reader hands over Adobe's CMYK JPEGs with their samples
   * inverted (255 = no ink) and a colour space that takes them as they are, which makes every
   * pixel black; other CMYK files are not inverted. Of the two readings, the one with ink on
   * paper, that is with the wider spread of levels, is taken.
   */
  private static void readCmyk(Raster raster, float[] luma) {
    int width = raster.getWidth();
    float[] inverted = new float[luma.length];
    int[] pixel = new int[4];
    for (int y = 0; y < raster.getHeight(); y++) {
      for (int x = 0; x < width; x++) {
        raster.getPixel(x, y, pixel);
        luma[y * width + x] = cmykLuma(pixel[0], pixel[1], pixel[2], pixel[3]);
        inverted[y * width + x] =
            cmykLuma(255 - pixel[0], 255 - pixel[1], 255 - pixel[2], 255 - pixel[3]);
      }
    }
    if (spread(inverted) > spread(luma)) {
      System.arraycopy(inverted, 0, luma, 0, luma.length);
    }
  }

  private static float cmykLuma(int c, int m, int y, int k) {
    double white = (255 - k) / 255.0;
    return (float) (white * (0.299 * (255 - c) + 0.587 * (255 - m) + 0.114 * (255 - y)));
  }

  private static int spread(float[] levels) {
    int[] histogram = histogram(levels);
    return percentile(histogram, levels.length, 0.99) - percentile(histogram, levels.length, 0.01);
  }

  /** How many of {@code levels} round to each grey level 0..255. */
  public static int[] histogram(float[] levels) {
    int[] histogram = new int[256];
    for (float v : levels) {
      histogram[level(v)]++;
    }
    return histogram;
  }

  /** The level below which {@code share} of the histogram's {@code total} values lie. */
  public static int percentile(int[] histogram, int total, double share) {
    long wanted = (long) Math.ceil(share * total);
    long seen = 0;
    for (int level = 0; level < histogram.length; level++) {
      seen += histogram[level];
      if (seen >= Math.max(1, wanted)) {
        return level;
      }
    }
    return histogram.length - 1;
  }

  /** {@code value} rounded to a grey level 0..255. */
  public static int level(float value) {
    return Math.max(0, Math.min(255, Math.round(value)));
  }

}
