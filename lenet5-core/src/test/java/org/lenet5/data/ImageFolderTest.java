package org.lenet5.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lenet5.Lenet5Exception;
import org.lenet5.TestData;

/** Image folders written from real MNIST and Fashion-MNIST images, as users keep their own. */
class ImageFolderTest {

  private static LabeledImages fashion;

  @TempDir Path dir;

  @BeforeAll
  static void loadFashionMnist() {
    fashion = MnistDataset.loadTest(DatasetLocator.of(null, null).locate(Dataset.FASHION_MNIST));
  }

  /** T-shirts, trousers and sneakers in folders named 10, 2 and 1. */
  private Path threeFashionClasses(Path root, int perClass) {
    ImageFolders.write(root, fashion, Map.of(0, "10", 1, "2", 7, "1"), perClass, "png");
    return root;
  }

  @Test
  void classesAreTheFoldersInNaturalOrderAndEveryImageIsRead() {
    ImageFolder folder = ImageFolder.at(threeFashionClasses(dir.resolve("parts"), 30));

    SourceImages images = folder.load(null);

    assertThat(folder.classNames()).containsExactly("1", "2", "10");
    assertThat(images.description().classNames()).containsExactly("1", "2", "10");
    assertThat(images.train().count() + images.test().count()).isEqualTo(90);
    assertThat(images.test().count()).isBetween(3, 20);
    // Every class is on both sides of the held-out test split.
    assertThat(Set.copyOf(boxed(images.test().classes()))).containsExactlyInAnyOrder(0, 1, 2);
    assertThat(Set.copyOf(boxed(images.train().classes()))).containsExactlyInAnyOrder(0, 1, 2);
  }

  @Test
  void naturalOrderComparesNumbersByValueAndLettersIgnoringCase() {
    List<String> names =
        Stream.of("B", "10", "a", "2", "b", "item10", "item9", "0", "007")
            .sorted(NaturalOrder.COMPARATOR)
            .toList();

    assertThat(names).containsExactly("0", "2", "007", "10", "a", "B", "b", "item9", "item10");
  }

  @Test
  void aPngFolderHoldsTheIdxFilesPixelsExactly() {
    Path root = dir.resolve("digits");
    ImageFolders.write(root.resolve("train"), TestData.mnist().train(), ImageFolders.byLabel(), 5,
        "png");
    ImageFolders.write(root.resolve("test"), TestData.mnist().test(), ImageFolders.byLabel(), 3,
        "png");

    SourceImages images = ImageFolder.at(root).load(null);

    // The first test image of MNIST is a 7: the folder's class 7 starts with it, bit for bit.
    int first = indexOfFirst(images.test(), 7);
    byte[] expected = new byte[784];
    System.arraycopy(TestData.mnist().test().images().pixels(), 0, expected, 0, 784);
    byte[] actual = new byte[784];
    System.arraycopy(images.test().images().pixels(), first * 784, actual, 0, 784);
    assertThat(actual).containsExactly(expected);
    assertThat(images.train().count()).isEqualTo(50);
    assertThat(images.test().count()).isEqualTo(30);
  }

  @Test
  void systemFilesAreIgnoredAndABrokenImageIsRefusedByName() throws IOException {
    Path root = threeFashionClasses(dir.resolve("parts"), 5);
    Files.write(root.resolve(".DS_Store"), new byte[] {0, 0, 0, 1, 'B', 'u', 'd', '1'});
    Files.write(root.resolve("10").resolve(".DS_Store"), new byte[] {0, 0, 0, 1});
    Files.write(root.resolve("2").resolve("Thumbs.db"), new byte[] {(byte) 0xd0, (byte) 0xcf});
    Files.createDirectories(root.resolve(".thumbnails"));

    assertThat(ImageFolder.at(root).load(null).description().classNames())
        .containsExactly("1", "2", "10");

    Path image = firstFile(root.resolve("2"));
    byte[] png = Files.readAllBytes(image);
    Files.write(image, java.util.Arrays.copyOf(png, png.length / 2));
    assertThatThrownBy(() -> ImageFolder.at(root).load(null))
        .isInstanceOf(Lenet5Exception.class)
        .hasMessageContaining(image.toString())
        .hasMessageNotContaining("\n");
  }

  @Test
  void unreadableFilesAreSkippedWithACountWhenAsked() throws IOException {
    Path root = threeFashionClasses(dir.resolve("parts"), 5);
    Path image = firstFile(root.resolve("2"));
    byte[] png = Files.readAllBytes(image);
    Files.write(root.resolve("2").resolve("cut.png"), java.util.Arrays.copyOf(png, 40));
    Files.writeString(root.resolve("1").resolve("notes.txt"), "sneakers\n");

    SourceImages images = ImageFolder.at(root).load(null, true);

    assertThat(images.train().count() + images.test().count()).isEqualTo(15);
    // Without, the first unreadable file decoded (they are decoded in parallel) stops it.
    assertThatThrownBy(() -> ImageFolder.at(root).load(null, false))
        .hasMessageMatching(".*(cut\\.png|notes\\.txt).*");
  }

  @Test
  void aFileThatIsNoImageIsRefusedByName() throws IOException {
    Path root = threeFashionClasses(dir.resolve("parts"), 5);
    Path notes = root.resolve("1").resolve("notes.txt");
    Files.writeString(notes, "sneakers from the spring catalogue\n");

    assertThatThrownBy(() -> ImageFolder.at(root).load(null))
        .isInstanceOf(Lenet5Exception.class)
        .hasMessage(notes + " is not an image this tool can read; use PNG, JPEG, GIF, BMP, TIFF"
            + " or WebP; or leave such files out with Recipe.Builder.skipUnreadable(true)");
  }

  @Test
  void anEmptyOrSingleImageClassAndASingleClassAreRefused() throws IOException {
    Path root = threeFashionClasses(dir.resolve("parts"), 5);
    Files.createDirectories(root.resolve("11"));
    assertThatThrownBy(() -> ImageFolder.at(root).load(null))
        .hasMessage("class folder " + root.resolve("11") + " holds no images; a class needs two"
            + " images or more: add images, or remove the folder");

    Files.copy(firstFile(root.resolve("2")), root.resolve("11").resolve("only.png"));
    assertThatThrownBy(() -> ImageFolder.at(root).load(null))
        .hasMessageContaining(root.resolve("11") + " holds only one image");

    Path single = dir.resolve("single");
    ImageFolders.write(single, fashion, Map.of(0, "shirt"), 5, "png");
    assertThatThrownBy(() -> ImageFolder.at(single).load(null))
        .hasMessageStartingWith(single + " holds one class folder (shirt); a classifier needs two"
            + " classes or more");
  }

  @Test
  void aClassListOrdersTheClassesAndLeavesOutThoseItDoesNotName() throws IOException {
    Path root = dir.resolve("split");
    ImageFolders.write(
        root.resolve("train"), fashion, Map.of(0, "shirt", 1, "trouser", 7, "sneaker"), 6, "png");
    ImageFolders.write(
        root.resolve("test"), fashion, Map.of(0, "shirt", 1, "trouser", 7, "sneaker"), 2, "png");
    Files.writeString(root.resolve("classes.txt"), "trouser\n\n  shirt \n");
    Path unlisted = dir.resolve("unlisted");
    copyTree(root, unlisted);
    Files.delete(unlisted.resolve("classes.txt"));

    ImageFolder folder = ImageFolder.at(root);
    SourceImages images = folder.load(null);

    assertThat(folder.classNames()).containsExactly("trouser", "shirt");
    assertThat(images.train().count()).isEqualTo(12);
    assertThat(images.test().count()).isEqualTo(4);
    // Label 0 is the trousers', label 1 the shirts'; no sneaker is read.
    assertThat(images.test().classes()).containsExactly(0, 0, 1, 1);
    assertThat(folder.contentIdentity()).isNotEqualTo(ImageFolder.at(unlisted).contentIdentity());

    Files.writeString(root.resolve("classes.txt"), "trouser\nshirt\nsandal\n");
    assertThatThrownBy(() -> ImageFolder.at(root).classNames())
        .hasMessage(root.resolve("classes.txt") + " lists class 'sandal', which has no folder in "
            + root.resolve("train") + "; add the folder " + root.resolve("train").resolve("sandal")
            + ", or remove the line");
    Files.writeString(root.resolve("classes.txt"), "trouser\nshirt\ntrouser\n");
    assertThatThrownBy(() -> ImageFolder.at(root).classNames())
        .hasMessage(root.resolve("classes.txt") + " names class 'trouser' twice; give each class"
            + " one line");
  }

  @Test
  void aValidationFolderBesideTrainAndTestHoldsTheValidationImagesInAnyCase() throws IOException {
    Path root = dir.resolve("kaggle");
    Map<Integer, String> classes = Map.of(0, "shirt", 1, "trouser");
    ImageFolders.write(root.resolve("Train"), fashion, classes, 8, "png");
    ImageFolders.write(root.resolve("Test"), fashion, classes, 2, "png");
    // The validation images: the test set's images after the first two of each class.
    LabeledImages later = fashion.select(
        java.util.stream.IntStream.range(100, fashion.count()).toArray());
    ImageFolders.write(root.resolve("val"), later, classes, 3, "png");

    ImageFolder folder = ImageFolder.at(root);
    SourceImages images = folder.load(null);

    assertThat(folder.classNames()).containsExactly("shirt", "trouser");
    assertThat(images.train().count()).isEqualTo(16);
    assertThat(images.test().count()).isEqualTo(4);
    assertThat(images.validation().orElseThrow().count()).isEqualTo(6);
    assertThat(images.validation().get().classes()).containsExactly(0, 0, 0, 1, 1, 1);
    assertThat(folder.contentIdentity().get("dataset.images.count")).isEqualTo("26");

    ImageFolders.write(root.resolve("val"), fashion, Map.of(2, "pullover"), 2, "png");
    assertThatThrownBy(() -> ImageFolder.at(root).load(null))
        .hasMessage("validation class folder " + root.resolve("val").resolve("pullover") + " has"
            + " no training folder of that name in " + root.resolve("Train") + "; the classes"
            + " are shirt, trouser: rename or remove it");
  }

  @Test
  void imagesBesideTheClassFoldersAreRefusedAndTrainingAndTestingFoldersAreRecognised()
      throws IOException {
    Path root = threeFashionClasses(dir.resolve("parts"), 5);
    Files.writeString(root.resolve("README.md"), "our parts\n");
    ImageFolders.writeImage(root.resolve("loose.png"), fashion, 0, "png");

    assertThatThrownBy(() -> ImageFolder.at(root).classNames())
        .hasMessage(root + " holds 1 image directly (loose.png), which belong to no class; put"
            + " each image in the sub-folder of its class, or name the folder whose sub-folders"
            + " are the classes");
    // Named one level too deep: a class folder whose images lie in it and in sub-folders.
    Files.delete(root.resolve("loose.png"));
    ImageFolders.write(root.resolve("2").resolve("batch1"), fashion, Map.of(1, "a"), 2, "png");
    assertThatThrownBy(() -> ImageFolder.at(root.resolve("2")).classNames())
        .hasMessageStartingWith(root.resolve("2") + " holds 5 images directly (");
    assertThat(ImageFolder.at(root).classNames()).containsExactly("1", "2", "10");

    Path named = dir.resolve("named");
    ImageFolders.write(named.resolve("Training"), fashion, Map.of(0, "shirt", 1, "trouser"), 4,
        "png");
    ImageFolders.write(named.resolve("testing"), fashion, Map.of(0, "shirt"), 2, "png");
    SourceImages images = ImageFolder.at(named).load(null);
    assertThat(images.train().count()).isEqualTo(8);
    assertThat(images.test().count()).isEqualTo(2);
  }

  @Test
  void aTestClassUnknownToTrainingIsRefused() {
    Path root = dir.resolve("split");
    ImageFolders.write(root.resolve("train"), fashion, Map.of(0, "shirt", 1, "trouser"), 5, "png");
    ImageFolders.write(root.resolve("test"), fashion, Map.of(0, "shirt", 2, "pullover"), 2, "png");

    assertThatThrownBy(() -> ImageFolder.at(root).load(null))
        .hasMessage("test class folder " + root.resolve("test").resolve("pullover") + " has no"
            + " training folder of that name in " + root.resolve("train") + "; the classes are"
            + " shirt, trouser: rename or remove it");
  }

  @Test
  void theContentIdentityIgnoresWhereTheFolderLiesAndWhenItWasTouched() throws IOException {
    Path root = threeFashionClasses(dir.resolve("parts"), 10);
    Map<String, String> identity = ImageFolder.at(root).contentIdentity();

    Path copy = dir.resolve("elsewhere").resolve("parts");
    copyTree(root, copy);
    try (Stream<Path> files = Files.walk(copy)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.setLastModifiedTime(file, FileTime.fromMillis(0));
      }
    }
    assertThat(ImageFolder.at(copy).contentIdentity()).isEqualTo(identity);

    Path image = firstFile(copy.resolve("2"));
    Files.move(image, copy.resolve("1").resolve(image.getFileName()));
    assertThat(ImageFolder.at(copy).contentIdentity()).isNotEqualTo(identity);
  }

  @Test
  void anEditedOrAddedImageChangesTheContentIdentity() throws IOException {
    Path root = threeFashionClasses(dir.resolve("parts"), 10);
    Map<String, String> identity = ImageFolder.at(root).contentIdentity();

    ImageFolders.writeImage(firstFile(root.resolve("10")), fashion, 5, "png");
    Map<String, String> edited = ImageFolder.at(root).contentIdentity();
    assertThat(edited).isNotEqualTo(identity);

    ImageFolders.writeImage(root.resolve("10").resolve("new.png"), fashion, 5, "png");
    assertThat(ImageFolder.at(root).contentIdentity()).isNotEqualTo(edited);
  }

  @Test
  void addingImagesMovesNoOtherImageBetweenTheSplits() {
    LabeledImages some = TestData.mnist().test().first(2_000);
    LabeledImages more = TestData.mnist().test().first(3_000);

    ContentSplit.Sides before = ContentSplit.split(some, 0.1, ContentSplit.Purpose.VALIDATION);
    ContentSplit.Sides after = ContentSplit.split(more, 0.1, ContentSplit.Purpose.VALIDATION);

    assertThat(hashes(after.heldOut())).containsAll(hashes(before.heldOut()));
    assertThat(hashes(after.kept())).containsAll(hashes(before.kept()));
    assertThat(before.heldOut().count()).isBetween(150, 250);
  }

  private static Set<String> hashes(LabeledImages images) {
    Set<String> hashes = new HashSet<>();
    for (int i = 0; i < images.count(); i++) {
      byte[] image = new byte[784];
      System.arraycopy(images.images().pixels(), i * 784, image, 0, 784);
      hashes.add(DatasetDownloader.sha256(image));
    }
    return hashes;
  }

  private static int indexOfFirst(LabeledImages images, int label) {
    int[] labels = images.classes();
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] == label) {
        return i;
      }
    }
    throw new AssertionError("no image of class " + label);
  }

  private static List<Integer> boxed(int[] values) {
    return java.util.Arrays.stream(values).boxed().toList();
  }

  private static Path firstFile(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(file -> file.toString().endsWith(".png")).sorted().findFirst()
          .orElseThrow();
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }
}
