package org.lenet5.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lenet5.Lenet5Exception;
import org.lenet5.TestData;

class IdxReaderTest {

  private static Path trainImages;
  private static Path trainLabels;
  private static Path testLabels;

  @TempDir Path dir;

  @BeforeAll
  static void realFiles() {
    DatasetFiles files = TestData.mnistFiles();
    trainImages = files.path(Dataset.MNIST.trainImages());
    trainLabels = files.path(Dataset.MNIST.trainLabels());
    testLabels = files.path(Dataset.MNIST.testLabels());
  }

  @Test
  void readsTheRealTrainingImages() {
    IdxImages images = IdxReader.readImages(trainImages);

    assertThat(images.count()).isEqualTo(60_000);
    assertThat(images.rows()).isEqualTo(28);
    assertThat(images.cols()).isEqualTo(28);
    assertThat(images.pixels()).hasSize(60_000 * 28 * 28);
  }

  @Test
  void readsTheRealLabelsWithTheirKnownClassCounts() {
    assertThat(classCounts(IdxReader.readLabels(trainLabels)))
        .containsExactly(5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949);
    assertThat(classCounts(IdxReader.readLabels(testLabels)))
        .containsExactly(980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009);
  }

  @Test
  void readsGzippedFilesByContentWhateverTheirName() throws IOException {
    byte[] raw = IdxReader.readContent(trainLabels);
    Path gzipped = dir.resolve("labels-without-gz-suffix");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzipped))) {
      out.write(raw);
    }

    assertThat(IdxReader.readLabels(gzipped)).isEqualTo(IdxReader.readLabels(trainLabels));
  }

  @Test
  void rejectsAMissingFile() {
    assertThatThrownBy(() -> IdxReader.readLabels(dir.resolve("absent")))
        .isInstanceOf(Lenet5Exception.class)
        .hasMessageContaining("absent does not exist");
  }

  @Test
  void rejectsADirectory() {
    assertThatThrownBy(() -> IdxReader.readLabels(dir))
        .isInstanceOf(Lenet5Exception.class)
        .hasMessageContaining("is a directory");
  }

  @Test
  void rejectsAnEmptyFile() throws IOException {
    Path empty = Files.createFile(dir.resolve("empty"));

    assertThatThrownBy(() -> IdxReader.readImages(empty))
        .isInstanceOf(Lenet5Exception.class)
        .hasMessageContaining("is empty");
  }

  @Test
  void rejectsLabelsWhereImagesAreExpected() {
    assertThatThrownBy(() -> IdxReader.readImages(trainLabels))
        .isInstanceOf(Lenet5Exception.class)
        .hasMessageContaining("not an IDX images file")
        .hasMessageContaining("0x00000801, expected 0x00000803");
  }

  @Test
  void rejectsATruncatedHeader() throws IOException {
    Path file = write("short-header", Arrays.copyOf(IdxReader.readContent(trainImages), 10));

    assertThatThrownBy(() -> IdxReader.readImages(file))
        .isInstanceOf(Lenet5Exception.class)
        .hasMessageContaining("truncated")
        .hasMessageContaining("header alone needs 16");
  }

  @Test
  void rejectsATruncatedBody() throws IOException {
    byte[] content = IdxReader.readContent(trainImages);
    Path file = write("short-body", Arrays.copyOf(content, content.length - 1));

    assertThatThrownBy(() -> IdxReader.readImages(file))
        .isInstanceOf(Lenet5Exception.class)
        .hasMessageContaining("truncated")
        .hasMessageContaining("60000 images of 28x28")
        .hasMessageContaining("47039999 of 47040000 data bytes");
  }

  @Test
  void rejectsTrailingBytes() throws IOException {
    byte[] content = IdxReader.readContent(trainLabels);
    Path file = write("long", Arrays.copyOf(content, content.length + 3));

    assertThatThrownBy(() -> IdxReader.readLabels(file))
        .isInstanceOf(Lenet5Exception.class)
        .hasMessageContaining("3 bytes follow");
  }

  @Test
  void rejectsNegativeDimensions() throws IOException {
    byte[] header = ByteBuffer.allocate(8).putInt(0x00000801).putInt(-5).array();
    Path file = write("negative", header);

    assertThatThrownBy(() -> IdxReader.readLabels(file))
        .isInstanceOf(Lenet5Exception.class)
        .hasMessageContaining("invalid IDX header");
  }

  @Test
  void rejectsCorruptGzip() throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(buffer)) {
      out.write(IdxReader.readContent(trainLabels));
    }
    byte[] gzipped = buffer.toByteArray();
    Path file = write("cut.gz", Arrays.copyOf(gzipped, gzipped.length / 2));

    assertThatThrownBy(() -> IdxReader.readLabels(file))
        .isInstanceOf(Lenet5Exception.class)
        .hasMessageContaining("corrupt or truncated gzip");
  }

  private Path write(String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content);
  }

  private static int[] classCounts(byte[] labels) {
    int[] counts = new int[10];
    for (byte label : labels) {
      counts[label]++;
    }
    return counts;
  }
}
