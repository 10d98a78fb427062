package org.lenet5.inference;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/** Turns a decoded image upright as its EXIF orientation (TIFF tag 274, values 1..8) says. */
final class Orientation {

  private Orientation() {}

  /**
   * The image as it is meant to be seen. The samples are moved as they are, in the image's own
   * colour model, so that a palette or 16-bit image keeps its meaning.
   */
  static BufferedImage upright(BufferedImage stored, int orientation) {
    if (orientation <= 1 || orientation > 8) {
      return stored;
    }
    int w = stored.getWidth();
    int h = stored.getHeight();
    boolean swaps = orientation >= 5;
    ColorModel model = stored.getColorModel();
    Raster source = stored.getRaster();
    WritableRaster target =
        source.createCompatibleWritableRaster(swaps ? h : w, swaps ? w : h);
    Object pixel = null;
    for (int y = 0; y < target.getHeight(); y++) {
      for (int x = 0; x < target.getWidth(); x++) {
        int sx;
        int sy;
        switch (orientation) {
          case 2 -> { sx = w - 1 - x; sy = y; }
          case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
          case 4 -> { sx = x; sy = h - 1 - y; }
          case 5 -> { sx = y; sy = x; }
          case 6 -> { sx = y; sy = h - 1 - x; }
          case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
          default -> { sx = w - 1 - y; sy = x; }
        }
        pixel = source.getDataElements(sx, sy, pixel);
        target.setDataElements(x, y, pixel);
      }
    }
    return new BufferedImage(model, target, model.isAlphaPremultiplied(), null);
  }
}
