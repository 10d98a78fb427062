package org.lenet5.images;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/**
 * Turns a decoded image upright as its EXIF orientation (TIFF tag 274, values 1..8) says: 2
 * mirrored, 3 upside down, 4 flipped, 5 transposed, 6 to be turned 90 degrees clockwise, 7
 * transversed, 8 to be turned 90 degrees counter-clockwise.
 */
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
        int sx =
            switch (orientation) {
              case 2, 3 -> w - 1 - x;
              case 4 -> x;
              case 5, 6 -> y;
              default -> w - 1 - y;
            };
        int sy =
            switch (orientation) {
              case 2 -> y;
              case 3, 4 -> h - 1 - y;
              case 5, 8 -> x;
              default -> h - 1 - x;
            };
        pixel = source.getDataElements(sx, sy, pixel);
        target.setDataElements(x, y, pixel);
      }
    }
    return new BufferedImage(model, target, model.isAlphaPremultiplied(), null);
  }
}
