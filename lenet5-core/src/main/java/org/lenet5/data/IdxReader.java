package org.lenet5.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.lenet5.Lenet5Exception;

/**
 * Reads IDX files (the MNIST file format), raw or gzip-compressed, and rejects anything that is
 * not exactly what its header promises.
 *
 * <p>The format: a big-endian magic number {@code 0x00000803} (images) or {@code 0x00000801}
 * (labels), one big-endian 32-bit size per dimension, then the unsigned bytes. Gzip is recognised
 * by its content, not by the file name.
 */
public final class IdxReader {

  static final int IMAGES_MAGIC = 0x00000803;
  static final int LABELS_MAGIC = 0x00000801;

  private IdxReader() {}

  /**
   * Reads an IDX image file ({@code [count, rows, cols]} unsigned bytes).
   *
   * @throws Lenet5Exception if the file is missing, unreadable, or malformed
   */
  public static IdxImages readImages(Path file) {
    byte[] content = readContent(file);
    int[] dims = header(file, content, IMAGES_MAGIC, 3, "images");
    byte[] pixels = body(file, content, dims);
    return new IdxImages(dims[0], dims[1], dims[2], pixels);
  }

  /**
   * Reads an IDX label file ({@code [count]} unsigned bytes).
   *
   * @throws Lenet5Exception if the file is missing, unreadable, or malformed
   */
  public static byte[] readLabels(Path file) {
    byte[] content = readContent(file);
    int[] dims = header(file, content, LABELS_MAGIC, 1, "labels");
    return body(file, content, dims);
  }

  /**
   * Returns the decompressed bytes of a file that may be gzipped.
   *
   * @throws Lenet5Exception if the file is missing, a directory, unreadable or corrupt gzip
   */
  public static byte[] readContent(Path file) {
    if (Files.isDirectory(file)) {
      throw new Lenet5Exception(file + " is a directory, expected an IDX file");
    }
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
      raw.mark(2);
      boolean gzipped = raw.read() == 0x1f && raw.read() == 0x8b;
      raw.reset();
      if (!gzipped) {
        return raw.readAllBytes();
      }
      try (InputStream unzipped = new GZIPInputStream(raw, 1 << 16)) {
        return unzipped.readAllBytes();
      } catch (EOFException | ZipException e) {
        throw new Lenet5Exception(
            file + " is a corrupt or truncated gzip file (" + e.getMessage()
                + "); delete it and download it again");
      }
    } catch (NoSuchFileException e) {
      throw new Lenet5Exception(file + " does not exist");
    } catch (IOException e) {
      throw new Lenet5Exception("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static int[] header(Path file, byte[] content, int magic, int rank, String kind) {
    if (content.length == 0) {
      throw new Lenet5Exception(file + " is empty, expected an IDX " + kind + " file");
    }
    if (content.length < 4) {
      throw new Lenet5Exception(
          file + " is truncated: " + content.length + " bytes, too short for an IDX header");
    }
    ByteBuffer buffer = ByteBuffer.wrap(content);
    int actualMagic = buffer.getInt();
    if (actualMagic != magic) {
      throw new Lenet5Exception(
          String.format(
              "%s is not an IDX %s file: magic number 0x%08x, expected 0x%08x",
              file, kind, actualMagic, magic));
    }
    int headerBytes = 4 + 4 * rank;
    if (content.length < headerBytes) {
      throw new Lenet5Exception(
          file + " is truncated: " + content.length + " bytes, the IDX " + kind
              + " header alone needs " + headerBytes);
    }
    int[] dims = new int[rank];
    for (int i = 0; i < rank; i++) {
      dims[i] = buffer.getInt();
      if (dims[i] < 0 || (i > 0 && dims[i] == 0)) {
        throw new Lenet5Exception(
            file + " has an invalid IDX header: dimension " + i + " is " + dims[i]);
      }
    }
    return dims;
  }

  private static byte[] body(Path file, byte[] content, int[] dims) {
    long expected = 1;
    for (int dim : dims) {
      expected *= dim;
    }
    long headerBytes = 4L + 4L * dims.length;
    long actual = content.length - headerBytes;
    if (actual < expected) {
      throw new Lenet5Exception(
          String.format(
              "%s is truncated: its header promises %s but it holds %d of %d data bytes;"
                  + " delete it and download it again",
              file, describe(dims), actual, expected));
    }
    if (actual > expected) {
      throw new Lenet5Exception(
          String.format(
              "%s is malformed: %d bytes follow the %d that its header (%s) promises",
              file, actual - expected, expected, describe(dims)));
    }
    byte[] data = new byte[(int) expected];
    System.arraycopy(content, (int) headerBytes, data, 0, data.length);
    return data;
  }

  private static String describe(int[] dims) {
    return dims.length == 1
        ? dims[0] + " labels"
        : dims[0] + " images of " + dims[1] + "x" + dims[2];
  }
}
