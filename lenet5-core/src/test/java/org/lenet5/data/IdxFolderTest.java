package org.lenet5.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lenet5.Lenet5Exception;
import org.lenet5.TestData;

/** IDX files of one's own, written from real MNIST images with other labels. */
class IdxFolderTest {

  @TempDir Path dir;

  @Test
  void aFolderOfIdxFilesWithThreeClassesNamesThemFromItsClassesFile() throws IOException {
    Path folder = write(dir.resolve("digits"), Map.of(3, 0, 5, 1, 8, 2), 200, true);
    Files.writeString(folder.resolve(IdxFolder.CLASS_NAMES), "three\nfive\neight\n");

    DataSource source = DataSource.of(folder.toString());
    SourceImages images = source.load(null);

    assertThat(source).isInstanceOf(IdxFolder.class);
    assertThat(source.classNames()).containsExactly("three", "five", "eight");
    assertThat(images.description().classes()).isEqualTo(3);
    assertThat(images.test().count()).isGreaterThan(0);
    assertThat(images.train().count() + images.test().count()).isEqualTo(countOf(3, 5, 8, 200));
    assertThat(source.contentIdentity()).containsEntry("dataset", "idx")
        .containsKey("dataset." + IdxFolder.TRAIN_IMAGES + ".sha256");
  }

  @Test
  void withoutAClassesFileTheClassesAreTheirLabels() throws IOException {
    Path folder = write(dir.resolve("four"), Map.of(0, 0, 1, 1, 2, 2, 3, 3), 100, false);

    assertThat(DataSource.of(folder.toString()).classNames()).containsExactly("0", "1", "2", "3");
  }

  @Test
  void aLabelBeyondTheNamedClassesIsRefused() throws IOException {
    Path folder = write(dir.resolve("digits"), Map.of(3, 0, 5, 1, 8, 2), 50, false);
    Files.writeString(folder.resolve(IdxFolder.CLASS_NAMES), "three\nfive\n");

    assertThatThrownBy(() -> DataSource.of(folder.toString()).load(null))
        .isInstanceOf(Lenet5Exception.class)
        .hasMessageContaining("is outside 0..1, the 2 classes " + folder.resolve("classes.txt")
            + " names; name every class there, one per line in label order");
  }

  @Test
  void aNamedClassWithoutImagesIsRefused() throws IOException {
    Path folder = write(dir.resolve("digits"), Map.of(3, 0, 5, 1, 8, 2), 50, false);
    Files.writeString(folder.resolve(IdxFolder.CLASS_NAMES), "three\nfive\neight\nnine\n");

    assertThatThrownBy(() -> DataSource.of(folder.toString()).load(null))
        .isInstanceOf(Lenet5Exception.class)
        .hasMessage("class 'nine' of " + folder + " has 0 training images; a class needs two"
            + " images or more: add images, or remove the class");
  }

  /** The MNIST test images of the given classes, relabelled, as a train IDX pair. */
  private static Path write(Path folder, Map<Integer, Integer> relabel, int perClass,
      boolean gzip) throws IOException {
    LabeledImages test = TestData.mnist().test();
    int[] labels = test.classes();
    ByteArrayOutputStream pixels = new ByteArrayOutputStream();
    List<Integer> kept = new ArrayList<>();
    int[] counts = new int[10];
    for (int i = 0; i < labels.length; i++) {
      Integer label = relabel.get(labels[i]);
      if (label != null && counts[labels[i]]++ < perClass) {
        pixels.write(test.images().pixels(), i * 784, 784);
        kept.add(label);
      }
    }
    Files.createDirectories(folder);
    ByteArrayOutputStream images = new ByteArrayOutputStream();
    DataOutputStream header = new DataOutputStream(images);
    header.writeInt(0x00000803);
    header.writeInt(kept.size());
    header.writeInt(28);
    header.writeInt(28);
    images.write(pixels.toByteArray());
    ByteArrayOutputStream labelFile = new ByteArrayOutputStream();
    DataOutputStream labelHeader = new DataOutputStream(labelFile);
    labelHeader.writeInt(0x00000801);
    labelHeader.writeInt(kept.size());
    for (int label : kept) {
      labelFile.write(label);
    }
    writeIdx(folder.resolve(IdxFolder.TRAIN_IMAGES), images.toByteArray(), gzip);
    writeIdx(folder.resolve(IdxFolder.TRAIN_LABELS), labelFile.toByteArray(), gzip);
    return folder;
  }

  private static void writeIdx(Path file, byte[] content, boolean gzip) throws IOException {
    if (!gzip) {
      Files.write(file, content);
      return;
    }
    try (var out = new java.util.zip.GZIPOutputStream(
        Files.newOutputStream(file.resolveSibling(file.getFileName() + ".gz")))) {
      out.write(content);
    }
  }

  private static int countOf(int a, int b, int c, int perClass) {
    int[] counts = new int[10];
    for (int label : TestData.mnist().test().classes()) {
      counts[label]++;
    }
    return Math.min(counts[a], perClass) + Math.min(counts[b], perClass)
        + Math.min(counts[c], perClass);
  }
}
