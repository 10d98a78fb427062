package org.lenet5.images;

import com.drew.imaging.FileType;
import com.drew.imaging.FileTypeDetector;
import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.Metadata;
import com.drew.metadata.MetadataException;
import com.drew.metadata.exif.ExifIFD0Directory;
import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.lenet5.Lenet5Exception;

/**
 * Reads image files as people have them: PNG, JPEG, GIF, BMP, TIFF and WBMP through Java's own
 * decoders, WebP through TwelveMonkeys' ImageIO plugin, turned upright by their EXIF orientation.
 *
 * <p>Memory stays bounded whatever the file: the dimensions are read from the header first; an
 * image larger than {@value #MAX_MEGAPIXELS} megapixels, or wider or taller than {@value
 * #MAX_SIDE} pixels, is refused as a likely decompression bomb before anything is decoded; a
 * large one is decoded subsampled, keeping every n-th pixel so that neither side exceeds {@value
 * #DECODED_SIDE} pixels (a digit needs only 20). Formats Java cannot decode (HEIC, AVIF, ...) are
 * recognised by their first bytes and named in the message.
 */
public final class ImageFiles {

  /** Images with more pixels than this many million are refused. */
  public static final int MAX_MEGAPIXELS = 250;

  /** Images wider or taller than this are refused. */
  public static final int MAX_SIDE = 65_535;

  /** The longest side an image is decoded at; larger ones are subsampled. */
  public static final int DECODED_SIDE = 2048;

  private static final String FORMATS = "PNG, JPEG, GIF, BMP, TIFF or WebP";

  private ImageFiles() {}

  /**
   * Decodes an image file, subsampled if large, upright as its EXIF orientation says.
   *
   * @throws Lenet5Exception in one line if the file is missing, not an image Java decodes,
   *     damaged, or too large to be a picture of a digit
   */
  public static BufferedImage read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new Lenet5Exception(
          file + (Files.isDirectory(file) ? " is a directory" : " does not exist")
              + "; pass image files (" + FORMATS + ")");
    }
    try {
      if (Files.size(file) == 0) {
        throw new Lenet5Exception(file + " is empty (0 bytes); save or copy the image again");
      }
    } catch (IOException e) {
      throw new Lenet5Exception("cannot read the image " + file + ": " + e.getMessage(), e);
    }
    BufferedImage image;
    try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
      if (input == null) {
        throw new Lenet5Exception("cannot open the image " + file);
      }
      Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
      if (!readers.hasNext()) {
        throw notDecodable(file);
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(input, true, true);
        image = decode(file, reader);
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      throw new Lenet5Exception("cannot read the image " + file + ": " + e.getMessage(), e);
    }
    return Orientation.upright(image, orientation(file));
  }

  private static BufferedImage decode(Path file, ImageReader reader) {
    String format = formatName(reader);
    int width;
    int height;
    try {
      width = reader.getWidth(0);
      height = reader.getHeight(0);
    } catch (IOException | RuntimeException e) {
      throw damaged(file, format, e);
    }
    long pixels = (long) width * height;
    if (width > MAX_SIDE || height > MAX_SIDE || pixels > MAX_MEGAPIXELS * 1_000_000L) {
      throw new Lenet5Exception(
          String.format(Locale.ROOT,
              "%s claims to be a %dx%d %s image (%,d megapixels), more than the %d megapixels"
                  + " (and %d pixels a side) this tool decodes; such a file is usually a"
                  + " decompression bomb: scale the picture down, or crop it to the digit",
              file, width, height, format, pixels / 1_000_000, MAX_MEGAPIXELS, MAX_SIDE));
    }
    if (width < 1 || height < 1) {
      throw damaged(file, format, new IIOException(width + "x" + height + " pixels"));
    }
    ImageReadParam param = reader.getDefaultReadParam();
    int period = (Math.max(width, height) + DECODED_SIDE - 1) / DECODED_SIDE;
    if (period > 1) {
      param.setSourceSubsampling(period, period, 0, 0);
    }
    // Java's JPEG decoder fills a truncated file's missing rows with grey and only warns.
    List<String> warnings = new ArrayList<>();
    reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
    try {
      BufferedImage image = reader.read(0, param);
      for (String warning : warnings) {
        if (warning.startsWith("Truncated File")) {
          throw damaged(file, format, new IIOException(warning));
        }
      }
      return image;
    } catch (IIOException e) {
      if ("Unsupported Image Type".equals(e.getMessage())) {
        throw new Lenet5Exception(
            file + " is a " + format + " in a colour model Java cannot decode (CMYK or YCCK);"
                + " save it as an RGB or greyscale image");
      }
      throw damaged(file, format, e);
    } catch (IOException | RuntimeException e) {
      throw damaged(file, format, e);
    }
  }

  private static String formatName(ImageReader reader) {
    try {
      return reader.getFormatName().toUpperCase(Locale.ROOT);
    } catch (IOException e) {
      return "image";
    }
  }

  /** The file's kind, if metadata-extractor recognises its first bytes, for the message. */
  private static Lenet5Exception notDecodable(Path file) {
    FileType type;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      type = FileTypeDetector.detectFileType(in);
    } catch (IOException | RuntimeException e) {
      type = FileType.Unknown;
    }
    if (type == FileType.Unknown) {
      return new Lenet5Exception(
          file + " is not an image this tool can read; use " + FORMATS);
    }
    String hint =
        switch (type) {
          case Heif, Avif -> " (e.g. heif-convert " + file.getFileName() + " digit.png)";
          default -> "";
        };
    return new Lenet5Exception(
        file + " is a " + type.getName() + " file (" + type.getLongName()
            + "), which Java cannot decode; convert it to " + FORMATS + hint);
  }

  private static Lenet5Exception damaged(Path file, String format, Exception e) {
    return new Lenet5Exception(
        "cannot decode the " + format + " image " + file + ": " + reason(e)
            + "; the file is damaged or truncated, save or download it again", e);
  }

  /**
   * The innermost message: Java's decoders wrap the real reason ("Caught exception during
   * read:") around the exception that has it.
   */
  private static String reason(Throwable e) {
    Throwable cause = e;
    String reason = null;
    while (cause != null) {
      if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
        reason = cause.getMessage().strip();
      }
      if (cause.getCause() == cause) {
        break;
      }
      cause = cause.getCause();
    }
    if (reason == null) {
      return e.getClass().getSimpleName();
    }
    int end = reason.indexOf('\n');
    return end < 0 ? reason : reason.substring(0, end);
  }

  /**
   * The EXIF orientation (1..8) of a file, 1 if it has none. Metadata that cannot be read is
   * treated as absent: the pixels, which decoded, still stand.
   */
  private static int orientation(Path file) {
    try {
      Metadata metadata = ImageMetadataReader.readMetadata(file.toFile());
      for (ExifIFD0Directory directory : metadata.getDirectoriesOfType(ExifIFD0Directory.class)) {
        if (directory.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
          int orientation = directory.getInt(ExifIFD0Directory.TAG_ORIENTATION);
          return orientation >= 1 && orientation <= 8 ? orientation : 1;
        }
      }
    } catch (ImageProcessingException | IOException | MetadataException | RuntimeException e) {
      return 1;
    }
    return 1;
  }
}
