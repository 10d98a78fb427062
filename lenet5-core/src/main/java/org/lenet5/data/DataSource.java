package org.lenet5.data;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.lenet5.Lenet5Exception;

/**
 * Where a model's labelled images come from: a built-in {@link Dataset} (MNIST, Fashion-MNIST),
 * the user's own {@link ImageFolder} or {@link IdxFolder}, or {@link InMemoryImages} a program
 * holds. A recipe names its data source; the source's content
 * identity is part of the model's fingerprint, so that a model is retrained exactly when the
 * images change, wherever they lie.
 */
public sealed interface DataSource permits Dataset, ImageFolder, IdxFolder, InMemoryImages {

  /** The source as its user names it: a built-in dataset's name, or a folder's path. */
  String id();

  /**
   * The name of each class, by label. An image folder lists its folders for it (reading no
   * image).
   */
  List<String> classNames();

  /**
   * What identifies the source's content, for the model's fingerprint: never where it lies, so
   * that a clone of a project elsewhere identifies the same model. A {@code dataset} entry here
   * stands for the source in place of its {@link #id()}.
   */
  Map<String, String> contentIdentity();

  /**
   * The SHA-256 of {@link #contentIdentity()}, as 64 hex digits: what a model records of the
   * content it was trained on, so that evaluating it can tell its training folder from another.
   */
  default String contentDigest() {
    StringBuilder canonical = new StringBuilder();
    new TreeMap<>(contentIdentity())
        .forEach((key, value) -> canonical.append(key).append('=').append(value).append('\n'));
    return DatasetDownloader.sha256(canonical.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The share of the training images held out for validation when the recipe does not say: none
   * for the built-in datasets (the reference trains on all 60,000), a tenth for one's own images.
   */
  default double defaultValidationSplit() {
    return SourceImages.OWN_IMAGES_VALIDATION_SPLIT;
  }

  /**
   * Reads the source's images and labels, converted to 28x28 grey levels, with their description.
   *
   * @param locator where the built-in datasets' files are (image folders do not need it)
   * @throws Lenet5Exception if the data cannot be read or fails its checks
   */
  SourceImages load(DatasetLocator locator);

  /**
   * Reads the source as {@link #load(DatasetLocator)} does, skipping (with a count) files of
   * one's own images that cannot be read as images when {@code skipUnreadable} says so.
   */
  default SourceImages load(DatasetLocator locator, boolean skipUnreadable) {
    return load(locator);
  }

  /**
   * The source's test images, those a model trained on it is scored on. Of one's own images, those
   * that can be read, the others counted in a warning: only training stops at an unreadable file
   * unless told to skip it.
   *
   * @param locator where the built-in datasets' files are (image folders do not need it)
   * @throws Lenet5Exception if the data cannot be read or fails its checks
   */
  default LabeledImages loadTest(DatasetLocator locator) {
    return load(locator, true).test();
  }

  /**
   * The data source a user names: a built-in dataset's name ({@code mnist}, {@code
   * fashion-mnist}), or the path of a folder: of IDX files if it holds {@value
   * IdxFolder#TRAIN_IMAGES} (raw or gzipped), else of images in class folders.
   *
   * @throws Lenet5Exception if {@code id} is neither
   */
  static DataSource of(String id) {
    return of(id, null);
  }

  /**
   * The data source a user names, a folder's path resolved against {@code base} (a Maven
   * project's directory, say) unless it is absolute.
   *
   * @param base the directory a relative path is relative to; null for the working directory
   * @throws UnknownDataSourceException if {@code id} names neither a dataset nor a folder
   */
  static DataSource of(String id, Path base) {
    String name = id.trim();
    for (Dataset dataset : Dataset.values()) {
      if (dataset.id().equals(name.toLowerCase(Locale.ROOT))) {
        return dataset;
      }
    }
    if (name.startsWith(InMemoryImages.PREFIX)) {
      throw new Lenet5Exception(
          "the model was trained on in-memory images (" + name + "), which cannot be found"
              + " again by name; give the same InMemoryImages again");
    }
    Path path;
    try {
      path = base == null ? Path.of(name) : base.resolve(name).normalize();
    } catch (RuntimeException e) {
      path = null;
    }
    if (path != null && !name.isEmpty() && Files.isDirectory(path)) {
      // Recorded with models as an absolute path, so that they find it from any directory.
      Path folder = path.toAbsolutePath().normalize();
      return IdxFolder.holdsIdxFiles(folder) ? IdxFolder.at(folder) : ImageFolder.at(folder);
    }
    throw new UnknownDataSourceException(
        id, base == null || path == null ? null : path, path != null && Files.exists(path));
  }

}
