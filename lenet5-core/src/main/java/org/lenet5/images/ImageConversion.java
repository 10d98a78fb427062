package org.lenet5.images;

import java.awt.image.BufferedImage;
import java.util.Locale;
import org.lenet5.Lenet5Exception;

/**
 * How a picture of any size and colour model becomes the model's raw input, a 28x28 image of 8-bit
 * grey levels: the one conversion used when training on image files, when evaluating, when
 * predicting, and by a TensorFlow Serving client (whose step it is, since the exported signature
 * takes the 28x28 levels). Each model records which one it was trained with.
 */
public enum ImageConversion {

  /**
   * Digit framing, as the MNIST images were made and as {@link MnistImages} describes: the ink is
   * separated from its paper and made light on black, cropped, scaled to 20 pixels and centred by
   * its mass in a 28x28 frame. For photos and scans of a handwritten digit; the conversion of
   * models trained on MNIST and Fashion-MNIST.
   */
  DIGIT("digit"),

  /**
   * The picture as it is: its grey levels (luma for colour, laid on black where it is
   * transparent), resized to 28x28 with Pillow's bilinear filter (as torchvision's and Keras's
   * resizing, the aspect ratio not kept); a 28x28 picture is taken as it is. Dark on light stays
   * dark on light: the model learns the images as they are. The conversion of models trained on
   * image folders.
   */
  PLAIN("plain");

  /** Side of the converted image. */
  public static final int SIZE = MnistImages.SIZE;

  private final String id;

  ImageConversion(String id) {
    this.id = id;
  }

  /** The name models record, e.g. {@code plain}. */
  public String id() {
    return id;
  }

  /**
   * The picture as {@code SIZE x SIZE} grey levels, row-major.
   *
   * @throws NoDigitException if digit framing finds nothing that stands out from the paper
   */
  public byte[] apply(BufferedImage picture) {
    return switch (this) {
      case DIGIT -> MnistImages.fromImage(picture);
      case PLAIN -> plain(GreyLevels.of(picture));
    };
  }

  private static byte[] plain(GreyLevels grey) {
    byte[] levels = grey.onBlack();
    if (grey.width() == SIZE && grey.height() == SIZE) {
      return levels;
    }
    int[] resized = new int[SIZE * SIZE];
    new PilBilinearResize(grey.width(), grey.height(), SIZE, SIZE).resize(levels, 0, resized);
    byte[] image = new byte[SIZE * SIZE];
    for (int i = 0; i < image.length; i++) {
      image[i] = (byte) resized[i];
    }
    return image;
  }

  /**
   * The conversion named {@code id}.
   *
   * @throws Lenet5Exception if there is none by that name
   */
  public static ImageConversion fromId(String id) {
    for (ImageConversion conversion : values()) {
      if (conversion.id.equals(id.trim().toLowerCase(Locale.ROOT))) {
        return conversion;
      }
    }
    throw new Lenet5Exception("unknown image conversion '" + id + "'; expected digit or plain");
  }
}
