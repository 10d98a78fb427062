package org.lenet5;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * TensorFlow's TFRecord format, in which TensorBoard's event files and TensorFlow Serving's warmup
 * requests are written: each record is its length (8 bytes, little-endian), the masked CRC-32C of
 * those 8 bytes, the data, and the masked CRC-32C of the data.
 */
public final class TfRecords {

  private static final int MASK_DELTA = 0xa282ead8;

  private static final int HEADER = 12;
  private static final int FOOTER = 4;

  private TfRecords() {}

  /** One record of {@code data}, framed: length, its checksum, data, its checksum. */
  public static byte[] frame(byte[] data) {
    ByteBuffer record =
        ByteBuffer.allocate(HEADER + data.length + FOOTER).order(ByteOrder.LITTLE_ENDIAN);
    record.putLong(data.length);
    record.putInt(maskedCrc(record.array(), 0, 8));
    record.put(data);
    record.putInt(maskedCrc(data, 0, data.length));
    return record.array();
  }

  /**
   * The data of every record of a TFRecord file, checked against their lengths and checksums.
   *
   * @throws Lenet5Exception naming the file and its first bad record if it cannot be read, ends
   *     inside a record or has a record that does not match its checksums
   */
  public static List<byte[]> read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new Lenet5Exception(file + " does not exist", e);
    } catch (IOException e) {
      throw new Lenet5Exception("cannot read " + file + " (" + e + ")", e);
    }
    List<byte[]> records = new ArrayList<>();
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    while (buffer.hasRemaining()) {
      int record = records.size() + 1;
      int start = buffer.position();
      if (buffer.remaining() < HEADER) {
        throw damaged(file, "it ends inside the header of record " + record);
      }
      long length = buffer.getLong();
      if (buffer.getInt() != maskedCrc(bytes, start, 8)) {
        throw damaged(file, "the length of record " + record + " does not match its checksum");
      }
      long missing = length + FOOTER - buffer.remaining();
      if (length < 0 || missing > 0) {
        throw damaged(file, "it ends inside record " + record + ", " + missing
            + (missing == 1 ? " byte" : " bytes") + " short");
      }
      byte[] data = Arrays.copyOfRange(bytes, buffer.position(), buffer.position() + (int) length);
      buffer.position(buffer.position() + (int) length);
      if (buffer.getInt() != maskedCrc(data, 0, data.length)) {
        throw damaged(file, "the data of record " + record + " does not match its checksum");
      }
      records.add(data);
    }
    return records;
  }

  private static Lenet5Exception damaged(Path file, String problem) {
    return new Lenet5Exception(file + " is not a complete TFRecord file: " + problem);
  }

  /** TFRecord's checksum: CRC-32C, rotated and offset so that CRCs of CRCs stay well spread. */
  static int maskedCrc(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    int value = (int) crc.getValue();
    return ((value >>> 15) | (value << 17)) + MASK_DELTA;
  }
}
