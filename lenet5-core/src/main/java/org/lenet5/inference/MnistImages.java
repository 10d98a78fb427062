package org.lenet5.inference;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Turns an arbitrary picture into a 28x28 MNIST-style image: a light digit on a black background.
 *
 * <p>The picture is converted to grayscale (transparent areas count as white paper). If its border
 * is mostly light — a dark digit on light paper, as people write — it is inverted. A 28x28 picture
 * is then taken as it is. Any other size is cropped to the digit's bounding box, scaled so that its
 * longer side is 20 pixels, and placed in a 28x28 frame with its center of mass in the middle,
 * which is how the MNIST images were made.
 */
public final class MnistImages {

  /** Side of an MNIST image. */
  public static final int SIZE = 28;

  private static final int BOX = 20;
  private static final int INK = 32;

  private MnistImages() {}

  /** The picture as 784 grey levels (0 = background), row-major. */
  public static byte[] fromImage(BufferedImage picture) {
    int width = picture.getWidth();
    int height = picture.getHeight();
    int[][] grey = grayscale(picture);
    if (isLightBackground(grey)) {
      for (int[] row : grey) {
        for (int x = 0; x < row.length; x++) {
          row[x] = 255 - row[x];
        }
      }
    }
    if (width == SIZE && height == SIZE) {
      return flatten(grey);
    }
    int left = width;
    int right = -1;
    int top = height;
    int bottom = -1;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        if (grey[y][x] >= INK) {
          left = Math.min(left, x);
          right = Math.max(right, x);
          top = Math.min(top, y);
          bottom = Math.max(bottom, y);
        }
      }
    }
    if (right < 0) {
      return new byte[SIZE * SIZE];
    }
    int boxWidth = right - left + 1;
    int boxHeight = bottom - top + 1;
    double scale = (double) BOX / Math.max(boxWidth, boxHeight);
    int scaledWidth = Math.max(1, (int) Math.round(boxWidth * scale));
    int scaledHeight = Math.max(1, (int) Math.round(boxHeight * scale));
    int[][] digit = scale(grey, left, top, boxWidth, boxHeight, scaledWidth, scaledHeight);
    return centerByMass(digit, scaledWidth, scaledHeight);
  }

  private static int[][] grayscale(BufferedImage picture) {
    int[][] grey = new int[picture.getHeight()][picture.getWidth()];
    java.awt.image.Raster raster = picture.getRaster();
    if (raster.getNumBands() == 1) {
      // Grey levels as stored: getRGB would pass them through a colour-space conversion.
      int shift = Math.max(0, raster.getSampleModel().getSampleSize(0) - 8);
      for (int y = 0; y < picture.getHeight(); y++) {
        for (int x = 0; x < picture.getWidth(); x++) {
          grey[y][x] = raster.getSample(x, y, 0) >> shift;
        }
      }
      return grey;
    }
    for (int y = 0; y < picture.getHeight(); y++) {
      for (int x = 0; x < picture.getWidth(); x++) {
        int argb = picture.getRGB(x, y);
        double alpha = ((argb >>> 24) & 0xff) / 255.0;
        double luma =
            0.299 * ((argb >> 16) & 0xff) + 0.587 * ((argb >> 8) & 0xff) + 0.114 * (argb & 0xff);
        grey[y][x] = (int) Math.round(alpha * luma + (1 - alpha) * 255);
      }
    }
    return grey;
  }

  private static boolean isLightBackground(int[][] grey) {
    int height = grey.length;
    int width = grey[0].length;
    long sum = 0;
    int count = 0;
    for (int x = 0; x < width; x++) {
      sum += grey[0][x] + grey[height - 1][x];
      count += 2;
    }
    for (int y = 0; y < height; y++) {
      sum += grey[y][0] + grey[y][width - 1];
      count += 2;
    }
    return sum / (double) count > 127.5;
  }

  private static int[][] scale(
      int[][] grey, int left, int top, int width, int height, int toWidth, int toHeight) {
    BufferedImage box = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int v = grey[top + y][left + x];
        box.getRaster().setSample(x, y, 0, v);
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

  private static byte[] flatten(int[][] grey) {
    byte[] image = new byte[SIZE * SIZE];
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        image[y * SIZE + x] = (byte) grey[y][x];
      }
    }
    return image;
  }

  private static int clamp(int value, int min, int max) {
    return Math.max(min, Math.min(max, value));
  }
}
