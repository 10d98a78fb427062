package org.lenet5.inference;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.lenet5.data.LabeledImages;

/**
 * The committed corpus of real-world-style image files under {@code src/test/resources/images}:
 * the first {@value #DIGITS} MNIST test digits in each form people have them, and files that must
 * be refused or answered with "no digit found".
 *
 * <p>{@link ImageCorpusWriter} writes it; {@code ImageCorpusTest} classifies it. Every digit comes
 * from the real MNIST test set; only its presentation (paper, colour model, size, orientation)
 * is made here, deterministically (seeded noise), so the corpus can be rebuilt.
 */
public final class ImageCorpus {

  /** Digits per form: the first MNIST test images. */
  static final int DIGITS = 20;

  /** Where the corpus lives in the source tree, relative to the lenet5-core module. */
  public static final Path SOURCE_DIR = Path.of("src", "test", "resources", "images");

  /** One presentation of the digits: a sub-directory with one file per digit. */
  enum Form {
    /** MNIST's own 28x28 light-on-black grey image: the baseline. */
    PLAIN("plain", "png"),
    /** An 8-bit palette PNG, blue ink on cream paper, whose palette order is not grey order. */
    PALETTE("palette", "png"),
    /** A 1-bit black-and-white PNG. */
    ONE_BIT("one-bit", "png"),
    /** A 16-bit grey PNG, dark on light. */
    GREY_16("grey-16", "png"),
    /** Grey + alpha: dark strokes whose coverage is the alpha channel, on nothing. */
    GREY_ALPHA("grey-alpha", "png"),
    /** White strokes on a fully transparent background (RGBA). */
    WHITE_ON_TRANSPARENT("white-on-transparent", "png"),
    /** A JPEG stored rotated or mirrored, with the EXIF orientation that puts it upright. */
    EXIF_ROTATED("exif-rotated", "jpg"),
    /** Dark ink on mid-grey paper, as a photo under dim light (JPEG, sensor noise). */
    GREY_PAPER("grey-paper", "jpg"),
    /** Paper with a shadow and a vignette across it, ink as dark as the light allows (JPEG). */
    UNEVEN_PAPER("uneven-paper", "jpg"),
    /** A 2400x2400 scan, so that it is decoded subsampled. */
    LARGE("large", "png"),
    /** A CMYK JPEG, as print workflows write them: the ink in the K channel. */
    CMYK("cmyk", "jpg");

    final String directory;
    final String extension;

    Form(String directory, String extension) {
      this.directory = directory;
      this.extension = extension;
    }

    /** The file of test digit {@code index}, e.g. {@code palette/03-0.png}. */
    Path file(Path root, int index, int label) {
      return root.resolve(directory)
          .resolve(String.format("%02d-%d.%s", index, label, extension));
    }
  }

  /** Files with no digit: each must get "no digit found". */
  static final List<String> BLANK =
      List.of("blank/white.png", "blank/one-pixel.png", "blank/uniform-grey.jpg",
          "blank/black.png", "blank/transparent.png");

  /** Files Java cannot or must not decode: each must be refused in one line. */
  static final List<String> REFUSED =
      List.of("refused/webp-magic.webp", "refused/heic-magic.heic", "refused/bomb.png",
          "refused/truncated.png");

  private static final int[] EXIF_ORIENTATIONS = {6, 8, 3, 2, 4, 5, 7};

  private final LabeledImages test;

  ImageCorpus(LabeledImages test) {
    this.test = test;
  }

  /** Writes every form, the blank files and the refused files under {@code root}. */
  void writeAll(Path root) throws IOException {
    for (Form form : Form.values()) {
      Files.createDirectories(root.resolve(form.directory));
      for (int i = 0; i < DIGITS; i++) {
        Path file = form.file(root, i, test.labels()[i]);
        write(form, i, file);
      }
    }
    writeBlank(root.resolve("blank"));
    writeRefused(root.resolve("refused"));
  }

  private void write(Form form, int index, Path file) throws IOException {
    Random random = new Random(1000L * form.ordinal() + index);
    switch (form) {
      case PLAIN -> png(plain(index), file);
      case PALETTE -> png(palette(coverage(index, 4, 16)), file);
      case ONE_BIT -> png(oneBit(coverage(index, 4, 16)), file);
      case GREY_16 -> png(grey16(coverage(index, 3, 12)), file);
      case GREY_ALPHA -> png(greyAlpha(coverage(index, 4, 16)), file);
      case WHITE_ON_TRANSPARENT -> png(whiteOnTransparent(coverage(index, 4, 16)), file);
      case EXIF_ROTATED -> {
        int orientation = EXIF_ORIENTATIONS[index % EXIF_ORIENTATIONS.length];
        BufferedImage upright = photo(coverage(index, 5, 20), (x, y) -> 245, 0.12, 2, random);
        Files.write(file, withExifOrientation(jpeg(stored(upright, orientation)), orientation));
      }
      case GREY_PAPER ->
          Files.write(file, jpeg(photo(coverage(index, 4, 24), (x, y) -> 140, 0.25, 4, random)));
      case UNEVEN_PAPER -> {
        double[][] ink = coverage(index, 5, 30);
        int size = ink.length;
        Files.write(file, jpeg(photo(ink, (x, y) -> shadowedPaper(x, y, size), 0.2, 3, random)));
      }
      case LARGE -> png(large(index), file);
      case CMYK -> Files.write(file, cmykJpeg(coverage(index, 4, 16)));
    }
  }

  /** The test digit as MNIST stores it. */
  private BufferedImage plain(int index) {
    BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
    WritableRaster raster = image.getRaster();
    for (int i = 0; i < 784; i++) {
      raster.setSample(i % 28, i / 28, 0, pixel(index, i));
    }
    return image;
  }

  private int pixel(int index, int i) {
    return test.images().pixels()[index * 784 + i] & 0xff;
  }

  /**
   * The digit's ink coverage (0..1) enlarged {@code scale} times with bilinear interpolation, as
   * a pen stroke drawn larger, with a margin of paper on each side.
   */
  private double[][] coverage(int index, int scale, int margin) {
    int side = 28 * scale + 2 * margin;
    double[][] ink = new double[side][side];
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        double sx = (x - margin + 0.5) / scale - 0.5;
        double sy = (y - margin + 0.5) / scale - 0.5;
        ink[y][x] = bilinear(index, sx, sy) / 255.0;
      }
    }
    return ink;
  }

  private double bilinear(int index, double x, double y) {
    int x0 = (int) Math.floor(x);
    int y0 = (int) Math.floor(y);
    double fx = x - x0;
    double fy = y - y0;
    return (1 - fy) * ((1 - fx) * at(index, x0, y0) + fx * at(index, x0 + 1, y0))
        + fy * ((1 - fx) * at(index, x0, y0 + 1) + fx * at(index, x0 + 1, y0 + 1));
  }

  private int at(int index, int x, int y) {
    return x < 0 || y < 0 || x >= 28 || y >= 28 ? 0 : pixel(index, y * 28 + x);
  }

  /** 16 colours from cream paper to blue ink, stored in a scrambled palette order. */
  private static BufferedImage palette(double[][] ink) {
    int levels = 16;
    int[] order = {9, 3, 14, 0, 7, 12, 5, 1, 15, 10, 2, 8, 13, 6, 11, 4};
    byte[] r = new byte[levels];
    byte[] g = new byte[levels];
    byte[] b = new byte[levels];
    int[] indexOfLevel = new int[levels];
    for (int entry = 0; entry < levels; entry++) {
      int level = order[entry];
      double t = level / (levels - 1.0);
      r[entry] = (byte) Math.round(250 + t * (20 - 250));
      g[entry] = (byte) Math.round(244 + t * (40 - 244));
      b[entry] = (byte) Math.round(220 + t * (150 - 220));
      indexOfLevel[level] = entry;
    }
    IndexColorModel colours = new IndexColorModel(8, levels, r, g, b);
    BufferedImage image =
        new BufferedImage(ink[0].length, ink.length, BufferedImage.TYPE_BYTE_INDEXED, colours);
    for (int y = 0; y < ink.length; y++) {
      for (int x = 0; x < ink[0].length; x++) {
        int level = (int) Math.round(ink[y][x] * (levels - 1));
        image.getRaster().setSample(x, y, 0, indexOfLevel[level]);
      }
    }
    return image;
  }

  private static BufferedImage oneBit(double[][] ink) {
    BufferedImage image =
        new BufferedImage(ink[0].length, ink.length, BufferedImage.TYPE_BYTE_BINARY);
    for (int y = 0; y < ink.length; y++) {
      for (int x = 0; x < ink[0].length; x++) {
        image.getRaster().setSample(x, y, 0, ink[y][x] >= 0.5 ? 0 : 1);
      }
    }
    return image;
  }

  private static BufferedImage grey16(double[][] ink) {
    BufferedImage image =
        new BufferedImage(ink[0].length, ink.length, BufferedImage.TYPE_USHORT_GRAY);
    for (int y = 0; y < ink.length; y++) {
      for (int x = 0; x < ink[0].length; x++) {
        image.getRaster().setSample(x, y, 0, (int) Math.round(65535 * (1 - 0.9 * ink[y][x])));
      }
    }
    return image;
  }

  /** Dark grey strokes (level 30) whose coverage is the alpha; transparent elsewhere. */
  private static BufferedImage greyAlpha(double[][] ink) {
    ComponentColorModel model =
        new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
            Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
    WritableRaster raster = model.createCompatibleWritableRaster(ink[0].length, ink.length);
    for (int y = 0; y < ink.length; y++) {
      for (int x = 0; x < ink[0].length; x++) {
        raster.setSample(x, y, 0, 30);
        raster.setSample(x, y, 1, (int) Math.round(255 * ink[y][x]));
      }
    }
    return new BufferedImage(model, raster, false, null);
  }

  /** White strokes, alpha = coverage, on white pixels that are fully transparent. */
  private static BufferedImage whiteOnTransparent(double[][] ink) {
    BufferedImage image =
        new BufferedImage(ink[0].length, ink.length, BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < ink.length; y++) {
      for (int x = 0; x < ink[0].length; x++) {
        int alpha = (int) Math.round(255 * ink[y][x]);
        image.setRGB(x, y, alpha << 24 | 0xffffff);
      }
    }
    return image;
  }

  /** Paper brightness at a point: light at the top left, a shadow falling to the bottom right. */
  private static int shadowedPaper(int x, int y, int size) {
    double diagonal = (x + y) / (2.0 * size);
    double shadow = 1 / (1 + Math.exp(-(diagonal - 0.6) * 12));
    double dx = (x - size / 2.0) / size;
    double dy = (y - size / 2.0) / size;
    double vignette = 1 - 0.6 * (dx * dx + dy * dy);
    return (int) Math.round(235 * vignette * (1 - 0.6 * shadow));
  }

  private interface Paper {
    int level(int x, int y);
  }

  /**
   * A photo of the digit: ink multiplies the paper's light down to {@code inkShare} of it, in a
   * slightly blue-black, with Gaussian sensor noise of {@code noise} levels.
   */
  private static BufferedImage photo(
      double[][] ink, Paper paper, double inkShare, double noise, Random random) {
    BufferedImage image = new BufferedImage(ink[0].length, ink.length, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < ink.length; y++) {
      for (int x = 0; x < ink[0].length; x++) {
        double light = paper.level(x, y) * (1 - (1 - inkShare) * ink[y][x]);
        int red = clamp(light * 0.98 + noise * random.nextGaussian());
        int green = clamp(light * 0.97 + noise * random.nextGaussian());
        int blue = clamp(light + noise * random.nextGaussian());
        image.setRGB(x, y, red << 16 | green << 8 | blue);
      }
    }
    return image;
  }

  /** A 2400x2400 black-and-white scan: the digit 60 times enlarged, dark on white. */
  private BufferedImage large(int index) {
    int scale = 60;
    int margin = 360;
    int side = 28 * scale + 2 * margin;
    BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
    WritableRaster raster = image.getRaster();
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        double sx = (x - margin + 0.5) / scale - 0.5;
        double sy = (y - margin + 0.5) / scale - 0.5;
        // A thresholded scan: a solid stroke wherever the enlarged digit is darker than mid-grey.
        raster.setSample(x, y, 0, bilinear(index, sx, sy) >= 128 ? 25 : 255);
      }
    }
    return image;
  }

  /** Black ink (K) on unprinted paper, with a trace of cyan, as four-channel JPEG samples. */
  private static byte[] cmykJpeg(double[][] ink) throws IOException {
    WritableRaster raster =
        Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, ink[0].length, ink.length, 4, null);
    for (int y = 0; y < ink.length; y++) {
      for (int x = 0; x < ink[0].length; x++) {
        raster.setSample(x, y, 0, (int) Math.round(40 * ink[y][x]));
        raster.setSample(x, y, 3, (int) Math.round(230 * ink[y][x]));
      }
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(raster, null, null), null);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  /** The pixels as stored, for a picture that an EXIF orientation must turn upright. */
  public static BufferedImage stored(BufferedImage upright, int orientation) {
    // Orientations 6 and 8 undo each other; every other one is its own inverse.
    int inverse = orientation == 6 ? 8 : orientation == 8 ? 6 : orientation;
    boolean swaps = inverse >= 5;
    int w = upright.getWidth();
    int h = upright.getHeight();
    BufferedImage result =
        new BufferedImage(swaps ? h : w, swaps ? w : h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < result.getHeight(); y++) {
      for (int x = 0; x < result.getWidth(); x++) {
        int[] source = switch (inverse) {
          case 2 -> new int[] {w - 1 - x, y};
          case 3 -> new int[] {w - 1 - x, h - 1 - y};
          case 4 -> new int[] {x, h - 1 - y};
          case 5 -> new int[] {y, x};
          case 6 -> new int[] {y, h - 1 - x};
          case 7 -> new int[] {w - 1 - y, h - 1 - x};
          case 8 -> new int[] {w - 1 - y, x};
          default -> new int[] {x, y};
        };
        result.setRGB(x, y, upright.getRGB(source[0], source[1]));
      }
    }
    return result;
  }

  /**
   * A JPEG with an EXIF APP1 segment (a little-endian TIFF header and one IFD with the
   * orientation tag) inserted after its start-of-image marker.
   */
  public static byte[] withExifOrientation(byte[] jpeg, int orientation) {
    ByteBuffer tiff = ByteBuffer.allocate(26).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
    tiff.putShort((short) 1);
    tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1)
        .putShort((short) orientation).putShort((short) 0);
    tiff.putInt(0);
    byte[] exif = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
    int length = 2 + exif.length + tiff.capacity();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, 2);
    out.write(0xff);
    out.write(0xe1);
    out.write(length >> 8);
    out.write(length & 0xff);
    out.writeBytes(exif);
    out.writeBytes(tiff.array());
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  private void writeBlank(Path dir) throws IOException {
    Files.createDirectories(dir);
    png(uniform(200, 200, 255), dir.resolve("white.png"));
    png(uniform(1, 1, 0), dir.resolve("one-pixel.png"));
    png(uniform(64, 64, 0), dir.resolve("black.png"));
    BufferedImage grey = new BufferedImage(300, 300, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(7);
    for (int y = 0; y < 300; y++) {
      for (int x = 0; x < 300; x++) {
        int v = clamp(128 + 3 * random.nextGaussian());
        grey.setRGB(x, y, v << 16 | v << 8 | v);
      }
    }
    Files.write(dir.resolve("uniform-grey.jpg"), jpeg(grey));
    png(new BufferedImage(100, 100, BufferedImage.TYPE_INT_ARGB), dir.resolve("transparent.png"));
  }

  private static BufferedImage uniform(int width, int height, int level) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    int[] row = new int[width];
    Arrays.fill(row, level);
    for (int y = 0; y < height; y++) {
      image.getRaster().setPixels(0, y, width, 1, row);
    }
    return image;
  }

  private void writeRefused(Path dir) throws IOException {
    Files.createDirectories(dir);
    // Only the start of each format, which is how such files are recognised.
    ByteArrayOutputStream webp = new ByteArrayOutputStream();
    webp.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
    webp.writeBytes(new byte[] {26, 0, 0, 0});
    webp.writeBytes("WEBPVP8 ".getBytes(StandardCharsets.US_ASCII));
    webp.writeBytes(new byte[18]);
    Files.write(dir.resolve("webp-magic.webp"), webp.toByteArray());
    ByteArrayOutputStream heic = new ByteArrayOutputStream();
    heic.writeBytes(new byte[] {0, 0, 0, 24});
    heic.writeBytes("ftypheic\0\0\0\0mif1heic".getBytes(StandardCharsets.US_ASCII));
    heic.writeBytes(new byte[16]);
    Files.write(dir.resolve("heic-magic.heic"), heic.toByteArray());
    Files.write(dir.resolve("bomb.png"), pngClaiming(100_000, 100_000));
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    ImageIO.write(plain(0), "png", whole);
    byte[] bytes = whole.toByteArray();
    Files.write(dir.resolve("truncated.png"), Arrays.copyOf(bytes, bytes.length / 2));
  }

  /**
   * A PNG whose header claims a huge grey image, with a few bytes of compressed zeros as its
   * data: a decompression bomb's shape, refused before anything is decoded.
   */
  private static byte[] pngClaiming(int width, int height) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    ByteBuffer header = ByteBuffer.allocate(13);
    header.putInt(width).putInt(height).put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0)
        .put((byte) 0);
    chunk(out, "IHDR", header.array());
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (OutputStream deflate = new java.util.zip.DeflaterOutputStream(compressed)) {
      deflate.write(new byte[4096]);
    }
    chunk(out, "IDAT", compressed.toByteArray());
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] name = type.getBytes(StandardCharsets.US_ASCII);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(name);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(name);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  private static void png(BufferedImage image, Path file) throws IOException {
    if (!ImageIO.write(image, "png", file.toFile())) {
      throw new IOException("no PNG writer for " + image);
    }
  }

  private static byte[] jpeg(BufferedImage image) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.9f);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  private static int clamp(double value) {
    return (int) Math.max(0, Math.min(255, Math.round(value)));
  }
}
