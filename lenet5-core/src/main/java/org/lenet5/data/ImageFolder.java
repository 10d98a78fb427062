package org.lenet5.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.lenet5.HeapExhaustedException;
import org.lenet5.Lenet5Exception;
import org.lenet5.SettingException;
import org.lenet5.images.ImageConversion;
import org.lenet5.images.ImageFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's own labelled images, as a folder with one sub-folder per class, the way DJL's {@code
 * ImageFolder}, Keras's {@code image_dataset_from_directory} and torchvision's {@code ImageFolder}
 * read them:
 *
 * <pre>
 * parts/                      parts/
 *   bolt/  a.png b.png ...      train/ bolt/ ... nut/ ... washer/ ...
 *   nut/   ...            or    test/  bolt/ ... nut/ ... washer/ ...
 *   washer/ ...
 * </pre>
 *
 * <p>With {@value #TRAIN} and {@value #TEST} sub-folders (or {@code training}, {@code testing};
 * in either case), those are the training and the test images, and a {@code val}, {@code valid} or {@code validation}
 * sub-folder beside them holds validation images; otherwise every image is a training image and
 * {@value #HELD_OUT_TEST_PERCENT} % of each class are held out as the test set by their content
 * ({@link ContentSplit}). Class names
 * are the training sub-folders' names in natural order ({@link NaturalOrder}: {@code 2} before
 * {@code 10}), or in the order a {@value ClassList#FILE} file in the folder lists them, one per
 * line (class folders it does not list are left out); the test folder may lack a class, but has
 * none of its own. Every file is an image
 * (PNG, JPEG, GIF, BMP, TIFF, WebP) converted by {@link ImageConversion#PLAIN}; hidden files
 * ({@code .DS_Store}, names starting with a dot) and the thumbnail caches of Windows and macOS
 * are ignored; anything else that is not a readable image fails the run before training, naming
 * the file. Each class needs two images or more.
 *
 * <p>The folder's content identity is the SHA-256 over every image's path (relative to the
 * folder) and the SHA-256 of its bytes, and the class names: renaming, adding, removing, relabelling or editing an
 * image changes it; moving or copying the folder, or touching its files, does not.
 */
public final class ImageFolder implements DataSource {

  /** The training images' sub-folder, when the folder also has a test set. */
  public static final String TRAIN = "train";

  /** The test images' sub-folder. */
  public static final String TEST = "test";

  /**
   * The names a sub-folder of validation images may have beside {@value #TRAIN}, as the layouts
   * of common datasets name it.
   */
  public static final List<String> VALIDATION = List.of("val", "valid", "validation");

  /** The endings of the image files a folder must not hold beside its class folders. */
  private static final Set<String> IMAGE_ENDINGS =
      Set.of("png", "jpg", "jpeg", "gif", "bmp", "tif", "tiff", "webp");

  static final int HELD_OUT_TEST_PERCENT = 10;

  /** Heap an image takes once loaded and preprocessed, about (see {@link #requireRoomFor}). */
  private static final long BYTES_PER_IMAGE = 3 * 1024;

  /** A class smaller than this share of the largest one gets a warning. */
  private static final double SMALL_CLASS_SHARE = 0.1;

  private static final Set<String> SYSTEM_FILES = Set.of("thumbs.db", "desktop.ini", "icon\r");

  private static final Logger LOG = LoggerFactory.getLogger(ImageFolder.class);

  private final Path root;
  private Layout layout;
  private Map<String, String> identity;

  private ImageFolder(Path root) {
    this.root = root;
  }

  /** The image folder at {@code root}; nothing is read until it is needed. */
  public static ImageFolder at(Path root) {
    return new ImageFolder(root);
  }

  /** The folder, as given. */
  public Path root() {
    return root;
  }

  @Override
  public String id() {
    return root.toString();
  }

  @Override
  public List<String> classNames() {
    return layout().classNames();
  }

  @Override
  public synchronized Map<String, String> contentIdentity() {
    if (identity == null) {
      Layout files = layout();
      MessageDigest content = DatasetDownloader.newSha256();
      for (String name : files.classNames()) {
        content.update(("class " + name + "\n").getBytes(StandardCharsets.UTF_8));
      }
      List<Path> all = files.all();
      // Reading the files is most of the cost: each is hashed on its own, on every core.
      byte[][] hashes = new byte[all.size()][];
      IntStream.range(0, all.size()).parallel()
          .forEach(i -> hashes[i] = DatasetDownloader.newSha256().digest(read(all.get(i))));
      for (int i = 0; i < all.size(); i++) {
        content.update((relative(all.get(i)) + "\n").getBytes(StandardCharsets.UTF_8));
        content.update(hashes[i]);
      }
      Map<String, String> values = new TreeMap<>();
      values.put("dataset", "images");
      values.put("dataset.images.sha256", HexFormat.of().formatHex(content.digest()));
      values.put("dataset.images.count", String.valueOf(files.all().size()));
      values.put("dataset.classes", String.join("\n", files.classNames()));
      identity = Map.copyOf(values);
    }
    return identity;
  }

  @Override
  public SourceImages load(DatasetLocator locator) {
    return load(locator, false);
  }

  @Override
  public SourceImages load(DatasetLocator locator, boolean skipUnreadable) {
    Layout files = layout();
    requireRoomFor(files.all().size());
    List<String> skipped = new ArrayList<>();
    SourceImages images = SourceImages.ofOwnImages(
        id(), files.classNames(), decode(files.train(), skipUnreadable, skipped),
        files.test().isEmpty() ? Optional.empty()
            : Optional.of(decode(files.test(), skipUnreadable, skipped)),
        files.validation().isEmpty() ? Optional.empty()
            : Optional.of(decode(files.validation(), skipUnreadable, skipped)));
    warnOfSkipped(skipped, files.all().size(), root);
    return images;
  }

  /**
   * Whether scoring a model on this folder takes all its (test) images, as a new set of test
   * images, rather than the test images of its own split: it holds only a {@value #TEST} folder,
   * or its content is not that the model was trained on (a copy of the training folder elsewhere
   * is still the training folder, scored on its test split as training was).
   *
   * @param trainedContent the {@link #contentDigest()} the model records, if it records one
   */
  public boolean isNewTestSet(Optional<String> trainedContent) {
    if (Layout.subFolder(root, TEST).isPresent() && Layout.subFolder(root, TRAIN).isEmpty()) {
      return true;
    }
    try {
      return trainedContent.isEmpty() || !trainedContent.get().equals(contentDigest());
    } catch (Lenet5Exception e) {
      // Not a folder a model could train on (one class, a class of one image): new images.
      return true;
    }
  }

  /**
   * Every image of the folder (of its {@value #TEST} folder, if it has one) as test images of a
   * model of {@code modelClasses}: each class folder is labelled by the model's class of its
   * name; the folder may hold any of those classes, but no other. Unreadable files are left out
   * with a warning that counts them, as when scoring any model.
   *
   * @throws Lenet5Exception if a class folder names no class of the model, or there is no image
   */
  public LabeledImages imagesToScore(List<String> modelClasses) {
    Path dir = scoredFolder();
    Layout.requireNoLooseImages(dir);
    Path listFile = root.resolve(ClassList.FILE);
    Optional<List<String>> listed = Files.isRegularFile(listFile)
        ? Optional.of(ClassList.read(listFile)) : Optional.empty();
    List<List<Path>> byClass = new ArrayList<>();
    modelClasses.forEach(name -> byClass.add(new ArrayList<>()));
    int count = 0;
    for (Path classDir : Layout.classFolders(dir)) {
      if (listed.isPresent() && !listed.get().contains(classDir.getFileName().toString())) {
        continue;
      }
      int label = modelClasses.indexOf(classDir.getFileName().toString());
      if (label < 0) {
        throw new Lenet5Exception(
            "class folder " + classDir + " is not a class of the model, whose classes are "
                + String.join(", ", modelClasses) + "; rename or remove it");
      }
      List<Path> files = Layout.imageFiles(classDir);
      byClass.get(label).addAll(files);
      count += files.size();
    }
    if (count == 0) {
      throw new Lenet5Exception(
          dir + " holds no images in class folders; put each image in a sub-folder named after"
              + " its class (" + String.join(", ", modelClasses) + ")");
    }
    requireRoomFor(count);
    List<String> skipped = new ArrayList<>();
    LabeledImages images = decode(byClass, true, skipped);
    warnOfSkipped(skipped, count, dir);
    if (images.count() == 0) {
      throw new Lenet5Exception(dir + " holds no readable image");
    }
    LOG.info("Scoring all {} images of {}, a folder the model was not trained on",
        images.count(), dir);
    return images;
  }

  private Path scoredFolder() {
    if (!Files.isDirectory(root)) {
      throw new Lenet5Exception(
          root + (Files.exists(root) ? " is a file" : " does not exist")
              + "; name a folder holding one sub-folder of images per class");
    }
    return Layout.subFolder(root, TEST).orElse(root);
  }

  private static void warnOfSkipped(List<String> skipped, int files, Path where) {
    if (!skipped.isEmpty()) {
      LOG.warn("Left out {} unreadable file{} (of {} in {}), e.g. {}", skipped.size(),
          skipped.size() == 1 ? "" : "s", files, where, skipped.get(0));
    }
  }

  /** Where the images are, by class: read once, on first use. */
  private synchronized Layout layout() {
    if (layout == null) {
      layout = Layout.of(root);
    }
    return layout;
  }

  private String relative(Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }

  /**
   * Refuses, before decoding, images that would not fit the heap: each takes its 28x28 levels,
   * the copy a split makes and its 32x32 model input, about 3 KB in all.
   *
   * @throws HeapExhaustedException if they would take more than four fifths of the heap left
   */
  private void requireRoomFor(int images) {
    Runtime runtime = Runtime.getRuntime();
    long free = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
    long needed = (long) images * BYTES_PER_IMAGE;
    if (needed > free / 5 * 4) {
      throw HeapExhaustedException.expected(String.format(Locale.ROOT,
          "loading the %d images of %s (about %d MB)", images, root, needed / (1024 * 1024)));
    }
  }

  /**
   * Decodes every file, in parallel. An unreadable one stops the run, or, with {@code skip}, is
   * left out and its message added to {@code skipped}.
   */
  private static LabeledImages decode(
      List<List<Path>> byClass, boolean skip, List<String> skipped) {
    List<Path> files = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (int label = 0; label < byClass.size(); label++) {
      for (Path file : byClass.get(label)) {
        files.add(file);
        labels.add(label);
      }
    }
    int size = ImageConversion.SIZE * ImageConversion.SIZE;
    byte[] pixels = new byte[files.size() * size];
    byte[] labelBytes = new byte[files.size()];
    String[] unreadable = new String[files.size()];
    try {
      IntStream.range(0, files.size())
          .parallel()
          .forEach(
              i -> {
                byte[] image;
                try {
                  image = ImageConversion.PLAIN.apply(ImageFiles.read(files.get(i)));
                } catch (Lenet5Exception e) {
                  if (e instanceof HeapExhaustedException) {
                    throw e;
                  }
                  if (!skip) {
                    throw new SettingException(
                        "skipUnreadable",
                        e.getMessage() + "; or leave such files out with "
                            + SettingException.SETTING,
                        "Recipe.Builder.skipUnreadable(true)");
                  }
                  unreadable[i] = e.getMessage();
                  return;
                }
                System.arraycopy(image, 0, pixels, i * size, size);
                labelBytes[i] = (byte) (int) labels.get(i);
              });
    } catch (OutOfMemoryError e) {
      throw HeapExhaustedException.of("decoding the images of " + files.get(0).getParent(), e);
    }
    LabeledImages decoded = new LabeledImages(
        new IdxImages(files.size(), ImageConversion.SIZE, ImageConversion.SIZE, pixels),
        labelBytes);
    List<Integer> readable = new ArrayList<>();
    for (int i = 0; i < unreadable.length; i++) {
      if (unreadable[i] == null) {
        readable.add(i);
      } else {
        skipped.add(unreadable[i]);
      }
    }
    return readable.size() == files.size() ? decoded
        : decoded.select(readable.stream().mapToInt(Integer::intValue).toArray());
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new Lenet5Exception("cannot read " + file + " (" + e.getMessage() + ")", e);
    }
  }


  /**
   * The image files by class, of the training folder, and of the test and validation folders if
   * there are (empty lists if not).
   */
  private record Layout(
      List<String> classNames, List<List<Path>> train, List<List<Path>> test,
      List<List<Path>> validation) {

    List<Path> all() {
      List<Path> all = new ArrayList<>();
      Stream.of(train, test, validation).flatMap(List::stream).forEach(all::addAll);
      return all;
    }

    static Layout of(Path root) {
      if (!Files.isDirectory(root)) {
        throw new Lenet5Exception(
            root + (Files.exists(root) ? " is a file" : " does not exist")
                + "; name a folder holding one sub-folder of images per class");
      }
      Path trainDir = subFolder(root, TRAIN).orElse(root.resolve(TRAIN));
      Path testDir = subFolder(root, TEST).orElse(root.resolve(TEST));
      boolean split = Files.isDirectory(trainDir);
      if (!split && Files.isDirectory(testDir)) {
        throw new Lenet5Exception(
            root + " has a " + TEST + " folder but no " + TRAIN
                + " folder; put the training images' class folders in " + trainDir
                + ", or rename " + testDir + " if it is a class");
      }
      Path trainRoot = split ? trainDir : root;
      if (split) {
        requireNoLooseImages(root);
      }
      requireNoLooseImages(trainRoot);
      Optional<Path> validationDir = Optional.empty();
      if (split) {
        for (Path other : classFolders(root)) {
          String name = other.getFileName().toString();
          if (VALIDATION.contains(name.toLowerCase(Locale.ROOT)) && validationDir.isEmpty()) {
            validationDir = Optional.of(other);
          } else if (!other.equals(trainDir) && !other.equals(testDir)) {
            LOG.warn("{} is not read: beside {}, {} and {}, a folder's other folders are"
                + " ignored", other, TRAIN, TEST, VALIDATION.get(0));
          }
        }
      }
      List<Path> classDirs = listedClasses(root, trainRoot, classFolders(trainRoot));
      List<String> names = classDirs.stream().map(dir -> dir.getFileName().toString()).toList();
      if (names.size() < 2) {
        throw new Lenet5Exception(
            trainRoot + " holds " + (names.isEmpty() ? "no class folder" : "one class folder ("
                + names.get(0) + ")") + "; a classifier needs two classes or more: put each"
                + " class's images in a sub-folder named after it (e.g. " + trainRoot.resolve("cat")
                + ", " + trainRoot.resolve("dog") + ")");
      }
      if (names.size() > LabeledImages.MAX_CLASSES) {
        throw new Lenet5Exception(
            trainRoot + " holds " + names.size() + " class folders; at most "
                + LabeledImages.MAX_CLASSES + " classes are supported");
      }
      List<List<Path>> train = new ArrayList<>();
      for (Path dir : classDirs) {
        List<Path> images = imageFiles(dir);
        if (images.size() < 2) {
          throw new Lenet5Exception(
              "class folder " + dir + (images.isEmpty() ? " holds no images" : " holds only one image")
                  + "; a class needs two images or more: add images, or remove the folder");
        }
        train.add(images);
      }
      warnOfSmallClasses(names, train);
      List<List<Path>> test = new ArrayList<>();
      if (split && Files.isDirectory(testDir)) {
        test = byTrainingClass(testDir, "test", trainRoot, names);
        reportMissingClasses(testDir, test, names, "tested");
        if (test.stream().allMatch(List::isEmpty)) {
          throw new Lenet5Exception(
              testDir + " holds no test images; put them in class folders there, or remove it to"
                  + " hold out " + HELD_OUT_TEST_PERCENT + " % of the training images instead");
        }
      }
      List<List<Path>> validation = new ArrayList<>();
      if (validationDir.isPresent()) {
        validation = byTrainingClass(validationDir.get(), "validation", trainRoot, names);
        reportMissingClasses(validationDir.get(), validation, names, "validated");
        if (validation.stream().allMatch(List::isEmpty)) {
          throw new Lenet5Exception(
              validationDir.get() + " holds no validation images; put them in class folders"
                  + " there, or remove it to hold validation images out of the training images");
        }
      }
      return new Layout(names, train, test, validation);
    }

    private static void reportMissingClasses(
        Path dir, List<List<Path>> byClass, List<String> names, String what) {
      List<String> missing = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        if (byClass.get(i).isEmpty()) {
          missing.add(names.get(i));
        }
      }
      if (!missing.isEmpty() && missing.size() < names.size()) {
        LOG.warn("{} has no images of class{} {}: {} not {}", dir,
            missing.size() == 1 ? "" : "es", String.join(", ", missing),
            missing.size() == 1 ? "it is" : "they are", what);
      }
    }

    /**
     * The files of the class folders of {@code dir} (a test or validation folder), by the label
     * of the training class of their name; a class the class list leaves out is left out here.
     */
    private static List<List<Path>> byTrainingClass(
        Path dir, String purpose, Path trainRoot, List<String> names) {
      List<List<Path>> byClass = new ArrayList<>();
      names.forEach(name -> byClass.add(new ArrayList<>()));
      for (Path classDir : classFolders(dir)) {
        int label = names.indexOf(classDir.getFileName().toString());
        if (label < 0 && Files.isDirectory(trainRoot.resolve(classDir.getFileName()))) {
          continue;
        }
        if (label < 0) {
          throw new Lenet5Exception(
              purpose + " class folder " + classDir + " has no training folder of that name in "
                  + trainRoot + "; the classes are " + String.join(", ", names)
                  + ": rename or remove it");
        }
        byClass.get(label).addAll(imageFiles(classDir));
      }
      return byClass;
    }

    /**
     * The class folders in the order of the folder's {@value ClassList#FILE}, if it has one (a
     * folder it does not list is left out), else all of them in natural order.
     */
    private static List<Path> listedClasses(Path root, Path trainRoot, List<Path> found) {
      Path listFile = root.resolve(ClassList.FILE);
      if (!Files.isRegularFile(listFile)) {
        return found;
      }
      Map<String, Path> byName = new HashMap<>();
      found.forEach(dir -> byName.put(dir.getFileName().toString(), dir));
      List<Path> listed = new ArrayList<>();
      for (String name : ClassList.read(listFile)) {
        Path dir = byName.remove(name);
        if (dir == null) {
          throw new Lenet5Exception(
              listFile + " lists class '" + name + "', which has no folder in " + trainRoot
                  + "; add the folder " + trainRoot.resolve(name) + ", or remove the line");
        }
        listed.add(dir);
      }
      if (!byName.isEmpty()) {
        LOG.info("Not listed in {}, so not read: {}", listFile,
            found.stream().filter(dir -> byName.containsKey(dir.getFileName().toString()))
                .map(dir -> dir.getFileName().toString()).collect(Collectors.joining(", ")));
      }
      return listed;
    }

    private static void warnOfSmallClasses(List<String> names, List<List<Path>> train) {
      int largest = train.stream().mapToInt(List::size).max().orElse(0);
      for (int i = 0; i < names.size(); i++) {
        if (train.get(i).size() < SMALL_CLASS_SHARE * largest) {
          LOG.warn(
              "class '{}' has {} images, less than a tenth of the largest class's {}: the model"
                  + " will rarely predict it",
              names.get(i), train.get(i).size(), largest);
        }
      }
    }

    private static List<Path> classFolders(Path dir) {
      try (Stream<Path> entries = Files.list(dir)) {
        return entries
            .filter(path -> Files.isDirectory(path) && !ignored(path))
            .sorted((a, b) -> NaturalOrder.COMPARATOR.compare(
                a.getFileName().toString(), b.getFileName().toString()))
            .toList();
      } catch (IOException | UncheckedIOException e) {
        throw new Lenet5Exception("cannot list " + dir + " (" + e.getMessage() + ")", e);
      }
    }

    /** The files of a class folder and of its sub-folders, in natural order of their paths. */
    private static List<Path> imageFiles(Path dir) {
      try (Stream<Path> entries = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
        return entries
            .filter(path -> Files.isRegularFile(path) && !ignored(dir.relativize(path)))
            .sorted((a, b) -> NaturalOrder.COMPARATOR.compare(
                dir.relativize(a).toString(), dir.relativize(b).toString()))
            .toList();
      } catch (IOException | UncheckedIOException e) {
        throw new Lenet5Exception("cannot list " + dir + " (" + e.getMessage() + ")", e);
      }
    }

    /**
     * Refuses image files lying directly in a folder whose sub-folders are the classes: they have
     * no class (and a folder named one level too deep would train on its sub-folders).
     */
    static void requireNoLooseImages(Path dir) {
      try (Stream<Path> entries = Files.list(dir)) {
        List<Path> loose = entries
            .filter(path -> Files.isRegularFile(path) && !ignored(path.getFileName())
                && IMAGE_ENDINGS.contains(ending(path)))
            .sorted((a, b) -> NaturalOrder.COMPARATOR.compare(
                a.getFileName().toString(), b.getFileName().toString()))
            .toList();
        if (!loose.isEmpty()) {
          throw new Lenet5Exception(
              dir + " holds " + loose.size() + " image" + (loose.size() == 1 ? "" : "s")
                  + " directly (" + loose.get(0).getFileName() + (loose.size() > 1 ? ", …" : "")
                  + "), which belong to no class; put each image in the sub-folder of its"
                  + " class, or name the folder whose sub-folders are the classes");
        }
      } catch (IOException | UncheckedIOException e) {
        throw new Lenet5Exception("cannot list " + dir + " (" + e.getMessage() + ")", e);
      }
    }

    private static String ending(Path file) {
      String name = file.getFileName().toString();
      int dot = name.lastIndexOf('.');
      return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /**
     * The sub-folder of {@code dir} named {@code name}, or {@code name + "ing"} ({@code
     * training/}, {@code testing/}), its letters in either case ({@code Train/} as well as {@code
     * train/}), if there is one.
     */
    static Optional<Path> subFolder(Path dir, String name) {
      Path exact = dir.resolve(name);
      if (Files.isDirectory(exact)) {
        return Optional.of(exact);
      }
      if (!Files.isDirectory(dir)) {
        return Optional.empty();
      }
      return classFolders(dir).stream()
          .filter(path -> path.getFileName().toString().equalsIgnoreCase(name)
              || path.getFileName().toString().equalsIgnoreCase(name + "ing"))
          .findFirst();
    }

    /** Hidden files and folders, and the thumbnail caches systems leave beside images. */
    private static boolean ignored(Path relative) {
      for (Path part : relative) {
        String name = part.toString();
        if (name.startsWith(".") || SYSTEM_FILES.contains(name.toLowerCase(Locale.ROOT))
            || name.equals("__MACOSX")) {
          return true;
        }
      }
      return false;
    }
  }
}
