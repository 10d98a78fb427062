package org.lenet5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TfRecordsTest {

  @TempDir Path dir;

  private final List<byte[]> records = List.of(
      "first".getBytes(StandardCharsets.UTF_8), new byte[0], new byte[70_000]);

  @Test
  void tensorFlowReadsTheFramedRecordsAndSoDoesTheReader() throws IOException {
    Path file = write(records);

    assertThat(TensorFlowRecordReader.read(file)).containsExactlyElementsOf(records);
    assertThat(TfRecords.read(file)).containsExactlyElementsOf(records);
  }

  @Test
  void aFileCutShortIsNamedWithTheRecordItEndsIn() throws IOException {
    Path file = write(records);
    byte[] whole = Files.readAllBytes(file);

    Files.write(file, Arrays.copyOf(whole, whole.length - 1));
    assertThatThrownBy(() -> TfRecords.read(file))
        .isInstanceOf(Lenet5Exception.class)
        .hasMessage(file + " is not a complete TFRecord file: it ends inside record 3, 1 byte"
            + " short");

    Files.write(file, Arrays.copyOf(whole, 12 + 5 + 4 + 3));
    assertThatThrownBy(() -> TfRecords.read(file))
        .hasMessage(file + " is not a complete TFRecord file: it ends inside the header of"
            + " record 2");
  }

  @Test
  void aChangedByteFailsItsChecksum() throws IOException {
    Path file = write(records);
    byte[] bytes = Files.readAllBytes(file);
    bytes[12 + 2]++;
    Files.write(file, bytes);

    assertThatThrownBy(() -> TfRecords.read(file))
        .hasMessage(file + " is not a complete TFRecord file: the data of record 1 does not"
            + " match its checksum");
  }

  @Test
  void aMissingFileIsNamed() {
    Path file = dir.resolve("none");

    assertThatThrownBy(() -> TfRecords.read(file)).hasMessage(file + " does not exist");
  }

  private Path write(List<byte[]> data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    data.forEach(record -> out.writeBytes(TfRecords.frame(record)));
    return Files.write(dir.resolve("records"), out.toByteArray());
  }
}
