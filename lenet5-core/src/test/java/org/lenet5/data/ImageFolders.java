package org.lenet5.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Writes real MNIST or Fashion-MNIST images out as image folders, the way a user's own images lie:
 * one sub-folder per class, one file per image.
 */
public final class ImageFolders {

  private ImageFolders() {}

  /**
   * Writes the first {@code perClass} images of each class in {@code folders} (label to folder
   * name) as {@code dir/<folder>/<label>-<index>.<format>}.
   *
   * @param format an ImageIO format name: png, jpg, bmp, gif
   * @return the number of files written
   */
  public static int write(
      Path dir, LabeledImages images, Map<Integer, String> folders, int perClass, String format) {
    int[] written = new int[LabeledImages.MAX_CLASSES];
    int total = 0;
    int[] labels = images.classes();
    for (int i = 0; i < images.count(); i++) {
      String folder = folders.get(labels[i]);
      if (folder == null || written[labels[i]] >= perClass) {
        continue;
      }
      Path file = dir.resolve(folder).resolve(String.format("%d-%05d.%s", labels[i], i, format));
      writeImage(file, images, i, format);
      written[labels[i]]++;
      total++;
    }
    return total;
  }

  /** Writes image {@code index} as a greyscale picture in {@code format}. */
  public static void writeImage(Path file, LabeledImages images, int index, String format) {
    int size = images.images().rows();
    BufferedImage picture = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
    byte[] pixels = images.images().pixels();
    int offset = index * images.images().imageSize();
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        picture.getRaster().setSample(x, y, 0, pixels[offset + y * size + x] & 0xff);
      }
    }
    try {
      Files.createDirectories(file.getParent());
      if (!ImageIO.write(picture, format, file.toFile())) {
        throw new IllegalArgumentException("no ImageIO writer for " + format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Label to folder name for all ten classes, named by their label: {@code 0} .. {@code 9}. */
  public static Map<Integer, String> byLabel() {
    return Map.of(0, "0", 1, "1", 2, "2", 3, "3", 4, "4", 5, "5", 6, "6", 7, "7", 8, "8", 9, "9");
  }
}
