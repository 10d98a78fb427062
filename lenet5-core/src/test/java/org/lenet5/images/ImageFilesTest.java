package org.lenet5.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lenet5.Lenet5Exception;
import org.lenet5.TestData;
import org.lenet5.inference.ImageCorpus;

class ImageFilesTest {

  @TempDir Path dir;

  @Test
  void aLargeImageIsDecodedSubsampled() {
    BufferedImage image = ImageFiles.read(ImageCorpus.SOURCE_DIR.resolve("large/00-7.png"));

    assertThat(image.getWidth()).isEqualTo(1200);
    assertThat(image.getHeight()).isEqualTo(1200);
  }

  /**
   * A 40x30 picture, black but for a white 10x5 block in its top left corner, stored as each
   * EXIF orientation requires: read upright, the block is back in the top left.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
  void everyExifOrientationIsTurnedUpright(int orientation) throws IOException {
    BufferedImage upright = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 5; y++) {
      for (int x = 0; x < 10; x++) {
        upright.setRGB(x, y, 0xffffff);
      }
    }
    ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
    ImageIO.write(ImageCorpus.stored(upright, orientation), "jpeg", jpeg);
    Path file = dir.resolve("photo.jpg");
    Files.write(file, ImageCorpus.withExifOrientation(jpeg.toByteArray(), orientation));

    BufferedImage read = ImageFiles.read(file);

    assertThat(read.getWidth()).isEqualTo(40);
    assertThat(read.getHeight()).isEqualTo(30);
    assertThat(read.getRGB(4, 2) & 0xff).as("inside the block").isGreaterThan(200);
    assertThat(read.getRGB(30, 2) & 0xff).as("top right").isLessThan(50);
    assertThat(read.getRGB(4, 25) & 0xff).as("bottom left").isLessThan(50);
  }

  @Test
  void aFormatJavaCannotDecodeIsNamed() throws IOException {
    Path pdf = Files.writeString(dir.resolve("digit.pdf"), "%PDF-1.4\n1 0 obj\n");
    assertThatThrownBy(() -> ImageFiles.read(pdf))
        .isInstanceOf(Lenet5Exception.class)
        .hasMessage(pdf + " is a PDF file (Portable Document Format), which Java cannot decode;"
            + " convert it to PNG, JPEG, GIF, BMP, TIFF or WebP");
  }

  @Test
  void aDirectoryOrAnEmptyFileIsRefusedInOneLine() throws IOException {
    assertThatThrownBy(() -> ImageFiles.read(dir))
        .isInstanceOf(Lenet5Exception.class)
        .hasMessage(dir + " is a directory; pass image files (PNG, JPEG, GIF, BMP, TIFF or WebP)");
    Path empty = Files.createFile(dir.resolve("empty.png"));
    assertThatThrownBy(() -> ImageFiles.read(empty))
        .isInstanceOf(Lenet5Exception.class)
        .hasMessage(empty + " is empty (0 bytes); save or copy the image again");
  }

  /** MNIST's first test digit saved by cwebp, lossless and at quality 80. */
  @Test
  void webPImagesAreDecoded() {
    byte[] seven = java.util.Arrays.copyOf(TestData.mnist().test().images().pixels(), 784);
    Path webp = ImageCorpus.SOURCE_DIR.resolve("webp");

    byte[] lossless =
        ImageConversion.PLAIN.apply(ImageFiles.read(webp.resolve("mnist-test-0-lossless.webp")));
    byte[] lossy =
        ImageConversion.PLAIN.apply(ImageFiles.read(webp.resolve("mnist-test-0-lossy.webp")));

    assertThat(lossless).containsExactly(seven);
    int worst = 0;
    for (int i = 0; i < seven.length; i++) {
      worst = Math.max(worst, Math.abs((lossy[i] & 0xff) - (seven[i] & 0xff)));
    }
    assertThat(worst).isBetween(1, 64);
  }

  /** Java's decoder would fill the missing rows with grey; the file is refused instead. */
  @Test
  void aTruncatedJpegIsRefusedAsDamaged() throws IOException {
    byte[] jpeg = Files.readAllBytes(ImageCorpus.SOURCE_DIR.resolve("grey-paper/00-7.jpg"));
    Path truncated = Files.write(dir.resolve("cut.jpg"), java.util.Arrays.copyOf(jpeg,
        jpeg.length * 3 / 4));

    assertThatThrownBy(() -> ImageFiles.read(truncated))
        .isInstanceOf(Lenet5Exception.class)
        .hasMessage("cannot decode the JPEG image " + truncated + ": Truncated File - Missing EOI"
            + " marker; the file is damaged or truncated, save or download it again");
  }
}
